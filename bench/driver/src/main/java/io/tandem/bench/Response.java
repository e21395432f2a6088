package io.tandem.bench;

/** What a scenario may look at in an answer: the status, the ETag, and the body if it asked for it. */
record Response(int status, String etag, String body) {

    /** A top-level JSON field of the body, as text (numbers and strings alike; no nesting needed). */
    String field(String name) {
        if (body == null) {
            return null;
        }
        int at = body.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int i = body.indexOf(':', at) + 1;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        if (i < body.length() && body.charAt(i) == '"') {
            int end = body.indexOf('"', i + 1);
            return body.substring(i + 1, end);
        }
        int end = i;
        while (end < body.length() && ",}] \n".indexOf(body.charAt(end)) < 0) {
            end++;
        }
        return body.substring(i, end);
    }
}
