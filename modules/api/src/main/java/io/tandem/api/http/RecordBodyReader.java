package io.tandem.api.http;

import io.tandem.kernel.event.EventJson;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads JSON request bodies into request records, strictly, and validates them.
 *
 * <p>Every problem is reported with the field it concerns: malformed JSON ({@code body}), a value of
 * the wrong JSON type, a property the record does not have (refused rather than ignored, so a client
 * that sends {@code tenantId} or {@code version} learns it has no effect), and Bean Validation
 * constraints on the record's components. The body size is capped before parsing.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class RecordBodyReader implements MessageBodyReader<Record> {
    /** Far above any valid request (a task is about 10 kB); checked before the body is parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    Validator validator;

    @Inject
    Caller caller;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidBody("body", "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new InvalidBody("body", "a JSON object is required");
        }
        if (caller != null) {
            caller.bodyRead(bytes);
        }
        JsonValue value;
        boolean trailing;
        // A parser, not a reader: a reader stops after the first value and would silently accept
        // trailing content such as a second object.
        try (JsonParser parser = EventJson.JSON.createParser(new ByteArrayInputStream(bytes))) {
            parser.next();
            value = parser.getValue();
            trailing = parser.hasNext();
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new InvalidBody("body", "malformed JSON");
        } catch (RuntimeException e) {
            // Parsson refuses JSON nested 1000 levels deep with a bare RuntimeException.
            throw new InvalidBody("body", "malformed JSON: nested too deeply");
        }
        if (trailing) {
            throw new InvalidBody("body", "malformed JSON: content after the top-level value");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidBody("body", "a JSON object is required");
        }
        Record record = bind(type, value.asJsonObject());
        validate(record);
        return record;
    }

    static <R extends Record> R bind(Class<R> type, JsonObject json) {
        RecordComponent[] components = type.getRecordComponents();
        List<InvalidBody.FieldError> errors = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            known.add(c.getName());
            types[i] = c.getType();
            try {
                args[i] = convert(c.getType(), json.get(c.getName()));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidBody.FieldError(c.getName(), e.getMessage()));
            }
        }
        json.keySet().stream()
                .filter(k -> !known.contains(k))
                .sorted()
                .forEach(k -> errors.add(new InvalidBody.FieldError(k, "unknown property")));
        if (!errors.isEmpty()) {
            throw new InvalidBody(errors);
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new InvalidBody("body", e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("request record " + type.getName() + " cannot be constructed", e);
        }
    }

    private static Object convert(Class<?> type, JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("is required");
            }
            return null;
        }
        if (type == String.class) {
            if (v instanceof JsonString s) {
                // PostgreSQL cannot store NUL in text; refuse it here rather than fail at commit.
                if (s.getString().indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException("must not contain NUL characters");
                }
                return s.getString();
            }
            throw new IllegalArgumentException("must be a string");
        }
        if (type == java.time.Instant.class) {
            if (v instanceof JsonString s) {
                try {
                    return java.time.OffsetDateTime.parse(s.getString()).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("must be a date-time such as 2030-01-31T12:00:00Z");
                }
            }
            throw new IllegalArgumentException("must be a date-time string");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            if (v instanceof JsonNumber n && n.isIntegral()) {
                try {
                    long l = n.longValueExact();
                    if (type == Integer.class || type == int.class) {
                        return Math.toIntExact(l);
                    }
                    return l;
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("is out of range");
                }
            }
            throw new IllegalArgumentException("must be an integer");
        }
        if (type == Boolean.class || type == boolean.class) {
            if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                return v == JsonValue.TRUE;
            }
            throw new IllegalArgumentException("must be true or false");
        }
        throw new IllegalStateException("request records may use only strings, integers and booleans, not " + type);
    }

    private void validate(Record record) {
        Set<ConstraintViolation<Record>> violations = validator.validate(record);
        if (!violations.isEmpty()) {
            throw new InvalidBody(violations.stream()
                    .map(v -> new InvalidBody.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(InvalidBody.FieldError::field).thenComparing(InvalidBody.FieldError::message))
                    .toList());
        }
    }
}
