package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Byte-exact HTTP for the document-driven attacks. The scenario code reads like the other ITs
 * (REST Assured); the matrices and the fuzzer send requests built from the document through here,
 * because they need exact control over bytes, content types and encodings, and many threads.
 */
final class Wire {
    static final String BASE_URL = System.getProperty("tandem.base-url", "http://127.0.0.1:8180");
    static final String OPERATOR_KEY = System.getProperty("tandem.it.operator-key", "");
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Wire() {}

    static Request get(String path) {
        return new Request("GET", path);
    }

    static Request post(String path) {
        return new Request("POST", path);
    }

    static Request request(String method, String path) {
        return new Request(method, path);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + abbreviate(json, 200), e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Percent-encodes one path segment or query value (a slash too: a value never adds segments). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "null";
        }
        String flat = s.replace("\n", "\\n").replace("\r", "\\r").replace("\u0000", "\\u0000");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }

    static Reply send(Request r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE_URL + r.target()))
                .timeout(Duration.ofSeconds(60))
                .method(r.method, r.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(r.body));
        r.headers.forEach(b::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r, response.statusCode(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + r.describe() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request: the path is sent as given (the caller encodes what it substitutes), the query is encoded here. */
    static final class Request {
        final String method;
        String path;
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Request query(String name, Object value) {
            query.put(name, String.valueOf(value));
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Request json(Object body) {
            String text = body instanceof String s ? s : write(body);
            return body(text.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        Request body(byte[] bytes, String contentType) {
            this.body = bytes;
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            } else {
                headers.remove("Content-Type");
            }
            return this;
        }

        Request copy() {
            Request c = new Request(method, path);
            c.query.putAll(query);
            c.headers.putAll(headers);
            c.body = body;
            return c;
        }

        String target() {
            if (query.isEmpty()) {
                return path;
            }
            return path + "?" + query.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
        }

        String bodyText() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        /** The request for a report: method, target, headers (credentials shortened) and body. */
        String describe() {
            StringBuilder s = new StringBuilder(method).append(' ').append(abbreviate(target(), 300));
            headers.forEach((k, v) -> s.append(" | ").append(k).append(": ")
                    .append(k.equalsIgnoreCase("Authorization") ? abbreviate(v, 24) : abbreviate(v, 120)));
            if (body != null) {
                s.append(" | body ").append(abbreviate(bodyText(), 400));
            }
            return s.toString();
        }
    }

    record Reply(Request request, int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            String ct = header("Content-Type");
            return ct == null ? null : ct.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        }

        boolean is2xx() {
            return status >= 200 && status < 300;
        }

        boolean isProblem() {
            return "application/problem+json".equals(contentType());
        }

        /** The body as JSON, or null when it is not JSON. */
        JsonNode json() {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        String describe() {
            return status + " " + (contentType() == null ? "" : contentType() + " ") + abbreviate(body, 600);
        }

        /** Request and response, for a finding in the report. */
        String exchange() {
            return request.describe() + "\n      -> " + describe();
        }
    }
}
