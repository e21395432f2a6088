package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid values built from the document's schemas: the smallest body an operation accepts (its
 * required properties), with {@link Hints} supplying what only the test knows (which ids exist, a
 * tenant's name to confirm, a legal next status).
 */
final class Bodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Roles from least to most power: a hint for "role" picks the first the schema allows. */
    static final List<String> LEAST_POWER_FIRST = List.of("viewer", "member", "admin", "owner");

    private Bodies() {}

    /** What the test knows about a property's value; empty lets the schema decide. */
    @FunctionalInterface
    interface Hints {
        Optional<JsonNode> value(String property, Schema<?> schema);

        Hints NONE = (p, s) -> Optional.empty();

        default Hints orElse(Hints other) {
            return (p, s) -> {
                Optional<JsonNode> v = value(p, s);
                return v.isPresent() ? v : other.value(p, s);
            };
        }
    }

    /** The required properties of an object schema with valid values, plus the optional ones the hints fill. */
    static ObjectNode minimal(ServedApi api, Schema<?> schema, Hints hints, Random random) {
        ObjectNode body = NODES.objectNode();
        var required = api.required(schema);
        api.properties(schema).forEach((name, propertySchema) -> {
            Optional<JsonNode> hinted = hints.value(name, propertySchema);
            if (hinted.isPresent()) {
                body.set(name, hinted.get());
            } else if (required.contains(name)) {
                body.set(name, valid(api, name, propertySchema, hints, random));
            }
        });
        return body;
    }

    /** A valid value of a schema for a property (the name only steers hints and e-mail addresses). */
    static JsonNode valid(ServedApi api, String name, Schema<?> schema, Hints hints, Random random) {
        Optional<JsonNode> hinted = hints.value(name, schema);
        if (hinted.isPresent()) {
            return hinted.get();
        }
        Schema<?> s = api.resolve(schema);
        if (s == null) {
            return NODES.textNode("x");
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            return Wire.JSON.valueToTree(s.getEnum().get(0));
        }
        if (s.getConst() != null) {
            return Wire.JSON.valueToTree(s.getConst());
        }
        String type = api.type(s);
        if (type == null) {
            return NODES.textNode("x");
        }
        return switch (type) {
            case "integer" -> NODES.numberNode(s.getMinimum() != null ? s.getMinimum().longValue() : 1L);
            case "number" -> NODES.numberNode(s.getMinimum() != null ? s.getMinimum() : BigDecimal.ONE);
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (s.getMinItems() != null && s.getMinItems() > 0 && s.getItems() != null) {
                    array.add(valid(api, name, s.getItems(), hints, random));
                }
                yield array;
            }
            case "object" -> minimal(api, s, hints, random);
            default -> NODES.textNode(string(name, s, random));
        };
    }

    static String string(String name, Schema<?> s, Random random) {
        String format = s.getFormat() == null ? "" : s.getFormat().toLowerCase(Locale.ROOT);
        int max = s.getMaxLength() == null ? 60 : s.getMaxLength();
        int min = s.getMinLength() == null ? 1 : Math.max(1, s.getMinLength());
        String value;
        if (format.equals("uuid")) {
            value = UUID.randomUUID().toString();
        } else if (format.equals("date-time")) {
            value = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        } else if (format.equals("date")) {
            value = Instant.now().plus(30, ChronoUnit.DAYS).toString().substring(0, 10);
        } else if (format.equals("email") || (name != null && name.toLowerCase(Locale.ROOT).contains("email"))) {
            value = "attack-" + unique() + "@example.test";
        } else if (s.getPattern() != null && !s.getPattern().equals("\\S")) {
            value = Patterns.example(s.getPattern(), random);
            if (value == null) {
                value = "attack" + unique();
            }
        } else {
            value = "attack " + unique();
        }
        if (value.length() > max) {
            value = value.substring(0, max);
        }
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < min) {
            padded.append('x');
        }
        return padded.toString();
    }

    static String unique() {
        return Long.toString(System.nanoTime(), 36) + SEQUENCE.incrementAndGet();
    }

    /** Hints that give a role property the least powerful role its schema allows. */
    static Hints leastPowerfulRole(ServedApi api) {
        return (property, schema) -> {
            if (!property.equals("role")) {
                return Optional.empty();
            }
            Schema<?> s = api.resolve(schema);
            if (s != null && s.getEnum() != null) {
                for (String role : LEAST_POWER_FIRST) {
                    if (s.getEnum().stream().anyMatch(v -> role.equals(String.valueOf(v)))) {
                        return Optional.of(NODES.textNode(role));
                    }
                }
            }
            return Optional.of(NODES.textNode("viewer"));
        };
    }

    static JsonNode text(String s) {
        return NODES.textNode(s);
    }
}
