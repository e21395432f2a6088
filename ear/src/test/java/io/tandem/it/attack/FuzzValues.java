package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

/**
 * The fuzzer's values, from jqwik's arbitraries (with their edge cases) driven by one seeded
 * {@link Random}, so a seed reproduces every value: strings of every kind (empty, blank, control
 * characters, NUL, unicode, lone surrogates, very long, documented max length and one more, the
 * list in {@code attack/naughty-strings.txt}), numbers at their edges, and JSON of the wrong type.
 */
final class FuzzValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int GEN_SIZE = 1000;

    final Random random;
    private final List<String> naughty = naughtyStrings();
    private final RandomGenerator<String> anyString;
    private final RandomGenerator<String> controlString;
    private final RandomGenerator<String> unicodeString;
    private final RandomGenerator<Long> longs;
    private final RandomGenerator<BigInteger> hugeIntegers;
    private final RandomGenerator<Double> doubles;
    private final RandomGenerator<String> printableAscii;

    FuzzValues(long seed) {
        this.random = new Random(seed);
        this.anyString = generator(Arbitraries.strings().all().ofMaxLength(64));
        this.controlString = generator(Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8));
        this.unicodeString = generator(Arbitraries.strings().withCharRange('\u0080', '\uffff').ofMinLength(1).ofMaxLength(32));
        this.longs = generator(Arbitraries.longs());
        this.hugeIntegers = generator(Arbitraries.bigIntegers()
                .between(BigInteger.TWO.pow(70).negate(), BigInteger.TWO.pow(70)));
        this.doubles = generator(Arbitraries.doubles());
        this.printableAscii = generator(Arbitraries.strings().withCharRange('!', '~').ofMinLength(0).ofMaxLength(300));
    }

    private static <T> RandomGenerator<T> generator(Arbitrary<T> arbitrary) {
        return arbitrary.generatorWithEmbeddedEdgeCases(GEN_SIZE);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A string to put where a string goes: any of the kinds, length-aware when the schema has a maxLength. */
    String nastyString(Schema<?> schema) {
        Integer max = schema == null ? null : schema.getMaxLength();
        int kind = random.nextInt(max != null ? 10 : 8);
        return switch (kind) {
            case 0 -> "";
            case 1, 2 -> pick(naughty);
            case 3 -> anyString.next(random).value();
            case 4 -> controlString.next(random).value();
            case 5 -> unicodeString.next(random).value();
            case 6 -> "x".repeat(chance(0.1) ? 70_000 : 5_000);
            case 7 -> " ".repeat(1 + random.nextInt(3));
            case 8 -> "m".repeat(max);
            default -> "n".repeat(max + 1);
        };
    }

    /** Text for a path segment, query value or header: the same kinds, shorter. */
    String nastyText() {
        return switch (random.nextInt(7)) {
            case 0 -> "";
            case 1, 2, 3 -> pick(naughty);
            case 4 -> anyString.next(random).value();
            case 5 -> unicodeString.next(random).value();
            default -> "y".repeat(chance(0.2) ? 9_000 : 300);
        };
    }

    /** Printable ASCII only (what an HTTP header can carry). */
    String headerText() {
        return chance(0.3) ? pick(naughty).replaceAll("[^\\x20-\\x7e]", "") : printableAscii.next(random).value();
    }

    /** A number at an edge: 0, -1, the long range, beyond it, fractions, huge exponents. */
    JsonNode nastyNumber() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.numberNode(0);
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(longs.next(random).value());
            case 3 -> NODES.numberNode(hugeIntegers.next(random).value());
            case 4 -> NODES.numberNode(doubles.next(random).value());
            case 5 -> NODES.numberNode(new BigDecimal("1e309"));
            default -> NODES.numberNode(new BigDecimal("-0.0"));
        };
    }

    /** A JSON value for a property: mostly of a wrong type or at an edge for the schema's type. */
    JsonNode nastyValue(ServedApi api, Schema<?> schema) {
        String type = schema == null ? null : api.type(schema);
        Schema<?> resolved = schema == null ? null : api.resolve(schema);
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> nastyNumber();
            case 3 -> NODES.objectNode().put("nested", nastyText());
            case 4 -> NODES.arrayNode().add(nastyText()).add(nastyNumber());
            default -> "integer".equals(type) || "number".equals(type) ? nastyNumber()
                    : NODES.textNode(nastyString(resolved));
        };
    }

    /** Bodies that are not a JSON object of the right shape, or not JSON at all. */
    byte[] malformedBody(String valid) {
        String body = switch (random.nextInt(14)) {
            case 0 -> "";
            case 1 -> "null";
            case 2 -> "[]";
            case 3 -> "\"just a string\"";
            case 4 -> "42";
            case 5 -> valid.isEmpty() ? "{" : valid.substring(0, random.nextInt(valid.length()));
            case 6 -> valid + "{}";
            case 7 -> valid + " garbage";
            case 8 -> "[".repeat(20_000) + "]".repeat(20_000);
            case 9 -> "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
            case 10 -> "\ufeff" + valid;
            case 11 -> valid.replaceFirst("\\{", "{\"dup\":1,\"dup\":2,");
            case 12 -> "{\"x\":\"" + "z".repeat(70_000) + "\"}";
            default -> null;
        };
        if (body == null) {
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            byte[] broken = new byte[bytes.length + 3];
            System.arraycopy(bytes, 0, broken, 0, bytes.length);
            broken[bytes.length] = (byte) 0xC3; // a truncated and an impossible UTF-8 sequence
            broken[bytes.length + 1] = (byte) 0xFF;
            broken[bytes.length + 2] = (byte) 0xFE;
            return broken;
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    String wrongContentType() {
        return pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/json; charset=ISO-8859-1", "application/problem+json", "application/octet-stream",
                "json", "*/*", "application/json, text/plain", "APPLICATION/JSON"));
    }

    private static List<String> naughtyStrings() {
        List<String> lines = new ArrayList<>();
        String text = new String(TestFiles.read("/attack/naughty-strings.txt"), StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty() && !line.startsWith("# ")) {
                lines.add(unescape(line));
            }
        }
        return List.copyOf(lines);
    }

    private static String unescape(String line) {
        Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
