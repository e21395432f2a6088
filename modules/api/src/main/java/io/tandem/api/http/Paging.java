package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;

/** offset/limit query parameters, parsed here so that a bad value is a 400 naming it, not a 404. */
public record Paging(int offset, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static Paging of(String offset, String limit) {
        return new Paging(parse("offset", offset, 0, 0, Integer.MAX_VALUE), parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** A log position query parameter: absent means 0 (the start). */
    public static long position(String name, String value) {
        return position(name, value, "invalid-query");
    }

    /** A log position in a query parameter or a header ({@code slug} says which kind of problem). */
    public static long position(String name, String value, String slug) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new WebApplicationException(Problem.of(Status.BAD_REQUEST, slug,
                name + " must be a non-negative integer", name).toResponse());
    }

    private static int parse(String name, String value, int absent, int min, int max) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new WebApplicationException(Problem.of(Status.BAD_REQUEST, "invalid-query",
                name + " must be an integer from " + min + " to " + max, name).toResponse());
    }
}
