package io.tandem.api.http;

import java.util.List;

/** A request body that cannot become the command it should: malformed, mistyped or invalid. */
public class InvalidBody extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidBody(List<FieldError> errors) {
        super(errors.get(0).field() + ": " + errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public InvalidBody(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() { return errors; }

    public record FieldError(String field, String message) {}
}
