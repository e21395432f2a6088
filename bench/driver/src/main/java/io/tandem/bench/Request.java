package io.tandem.bench;

import java.nio.charset.StandardCharsets;

/**
 * One request of a scenario: its type (the histogram it is counted in), the request line and
 * headers rendered once, an optional JSON body, and whether the scenario needs the answer's body.
 */
record Request(String type, String target, byte[] head, byte[] body, boolean wantsBody) {

    static Request get(String type, String target, String headers, boolean wantsBody) {
        return new Request(type, target, render("GET", target, headers, false), null, wantsBody);
    }

    static Request post(String type, String target, String headers, String json) {
        return new Request(type, target, render("POST", target, headers, true), json.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The same request with one more header (If-None-Match, Cache-Control). */
    Request withHeader(String header) {
        String text = new String(head, StandardCharsets.ISO_8859_1) + header + "\r\n";
        return new Request(type, target, text.getBytes(StandardCharsets.ISO_8859_1), body, wantsBody);
    }

    /** The value of a header this request carries, or null. */
    String headerValue(String name) {
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Headers are "Name: value\r\n" each; Host and Content-Length are added by the connection. */
    private static String headerBlock(String headers, boolean json) {
        return headers + (json ? "Content-Type: application/json\r\n" : "") + "Accept: application/json\r\n";
    }

    private static byte[] render(String method, String target, String headers, boolean json) {
        return (method + " " + target + " HTTP/1.1\r\n" + headerBlock(headers, json)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
