package io.tandem.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.api.tenancy.SignUpRequest;
import io.tandem.api.tracker.CreateProjectRequest;
import io.tandem.api.tracker.CreateTaskRequest;
import io.tandem.api.tracker.MoveTaskRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordBodyReaderTest {
    /** A record with every kind of component the reader supports. */
    public record Settings(int limit, long offset, boolean archived, Integer page, Long since, Boolean flag, String note) {}

    public record Unsupported(UUID id) {}

    public record SelfChecking(String value) {
        public SelfChecking {
            if ("forbidden".equals(value)) {
                throw new IllegalArgumentException("value may not be forbidden");
            }
        }
    }

    private static ValidatorFactory validation;
    private static RecordBodyReader reader;

    @BeforeAll
    static void realValidator() {
        validation = Validation.buildDefaultValidatorFactory();
        reader = new RecordBodyReader();
        reader.validator = validation.getValidator();
    }

    @AfterAll
    static void closeValidation() {
        validation.close();
    }

    @Nested
    class Binding {
        @Test
        void bindsEveryComponentFromItsProperty() {
            Settings s = RecordBodyReader.bind(Settings.class, json("""
                    {"limit": 20, "offset": 9000000000, "archived": true, "page": -3, "since": 0, "flag": false,
                     "note": "hi"}"""));

            assertThat(s).isEqualTo(new Settings(20, 9_000_000_000L, true, -3, 0L, false, "hi"));
        }

        @Test
        void bindsAbsentOrNullObjectComponentsAsNull() {
            Settings s = RecordBodyReader.bind(Settings.class, json("""
                    {"limit": 1, "offset": 2, "archived": false, "page": null, "note": null}"""));

            assertThat(s).isEqualTo(new Settings(1, 2, false, null, null, null, null));
        }

        @Test
        void reportsEveryMissingPrimitiveByName() {
            InvalidBody invalid = bindFails(Settings.class, "{\"archived\": null}");

            assertThat(invalid.errors()).containsExactly(
                    new InvalidBody.FieldError("limit", "is required"),
                    new InvalidBody.FieldError("offset", "is required"),
                    new InvalidBody.FieldError("archived", "is required"));
        }

        @Test
        void namesTheFieldThatIsNotAString() {
            InvalidBody invalid = bindFails(CreateTaskRequest.class, "{\"title\": 5}");

            assertThat(invalid.errors()).containsExactly(new InvalidBody.FieldError("title", "must be a string"));
        }

        @Test
        void namesEveryFieldOfTheWrongType() {
            InvalidBody invalid = bindFails(Settings.class, """
                    {"limit": "20", "offset": 1.5, "archived": "true", "page": [], "since": {}, "flag": 1,
                     "note": false}""");

            assertThat(invalid.errors()).containsExactly(
                    new InvalidBody.FieldError("limit", "must be an integer"),
                    new InvalidBody.FieldError("offset", "must be an integer"),
                    new InvalidBody.FieldError("archived", "must be true or false"),
                    new InvalidBody.FieldError("page", "must be an integer"),
                    new InvalidBody.FieldError("since", "must be an integer"),
                    new InvalidBody.FieldError("flag", "must be true or false"),
                    new InvalidBody.FieldError("note", "must be a string"));
        }

        @Test
        void namesTheIntegerThatDoesNotFit() {
            InvalidBody invalid = bindFails(Settings.class, """
                    {"limit": 2147483648, "offset": 99999999999999999999, "archived": true}""");

            assertThat(invalid.errors()).containsExactly(
                    new InvalidBody.FieldError("limit", "is out of range"),
                    new InvalidBody.FieldError("offset", "is out of range"));
        }

        @Test
        void acceptsTheIntegerLimits() {
            Settings s = RecordBodyReader.bind(Settings.class, json("""
                    {"limit": -2147483648, "offset": 9223372036854775807, "archived": false}"""));

            assertThat(s.limit()).isEqualTo(Integer.MIN_VALUE);
            assertThat(s.offset()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void rejectsAnUnknownPropertyNamingIt() {
            InvalidBody invalid = bindFails(CreateTaskRequest.class, """
                    {"title": "t", "tenantId": "6f1c0a5e-3b7d-4c2a-9f1e-2d3c4b5a6978"}""");

            assertThat(invalid.errors()).containsExactly(new InvalidBody.FieldError("tenantId", "unknown property"));
        }

        @Test
        void reportsUnknownPropertiesAfterTheRecordsOwnFieldsInNameOrder() {
            InvalidBody invalid = bindFails(CreateTaskRequest.class, """
                    {"version": 3, "title": 7, "Title": "t", "assignee": "me"}""");

            assertThat(invalid.errors()).containsExactly(
                    new InvalidBody.FieldError("title", "must be a string"),
                    new InvalidBody.FieldError("Title", "unknown property"),
                    new InvalidBody.FieldError("assignee", "unknown property"),
                    new InvalidBody.FieldError("version", "unknown property"));
        }

        @Test
        void rejectsNulCharactersNamingTheField() {
            InvalidBody invalid = bindFails(CreateTaskRequest.class, "{\"title\": \"ok\", \"description\": \"a\\u0000b\"}");

            assertThat(invalid.errors())
                    .containsExactly(new InvalidBody.FieldError("description", "must not contain NUL characters"));
        }

        @Test
        void keepsOtherControlAndNonAsciiCharacters() {
            CreateTaskRequest r = RecordBodyReader.bind(CreateTaskRequest.class,
                    json("{\"title\": \"tab\\there ✓ \\u00e9\", \"description\": \"line\\nbreak\"}"));

            assertThat(r).isEqualTo(new CreateTaskRequest("tab\there ✓ é", "line\nbreak", null));
        }

        @Test
        void reportsWhatTheRecordsOwnConstructorRefusesAsABodyError() {
            InvalidBody invalid = bindFails(SelfChecking.class, "{\"value\": \"forbidden\"}");

            assertThat(invalid.errors())
                    .containsExactly(new InvalidBody.FieldError("body", "value may not be forbidden"));
        }

        @Test
        void refusesARequestRecordWithAnUnsupportedComponentTypeAsAProgrammingError() {
            assertThatThrownBy(() -> RecordBodyReader.bind(Unsupported.class, json("{\"id\": \"x\"}")))
                    .isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(InvalidBody.class);
        }
    }

    @Nested
    class Reading {
        @Test
        void readsAndValidatesAWellFormedBody() throws IOException {
            CreateProjectRequest r = read(CreateProjectRequest.class, "{\"name\": \"Apollo\", \"key\": \"AP11\"}");

            assertThat(r).isEqualTo(new CreateProjectRequest("Apollo", "AP11"));
        }

        @Test
        void isForRecordsOnly() {
            Annotation[] none = new Annotation[0];

            assertThat(reader.isReadable(CreateTaskRequest.class, CreateTaskRequest.class, none,
                    MediaType.APPLICATION_JSON_TYPE)).isTrue();
            assertThat(reader.isReadable(String.class, String.class, none, MediaType.APPLICATION_JSON_TYPE)).isFalse();
        }

        @ParameterizedTest(name = "body <{0}>")
        @ValueSource(strings = {"{", "{\"title\": }", "{\"title\": \"x\",}", "{title: \"x\"}", "nope", "   ",
            "{\"title\": \"x\"", "{'title': 'x'}", "{\"title\": \"x\"} garbage", "{\"title\": \"x\"}{\"title\": \"y\"}",
            "{\"title\": \"x\"}]"})
        void reportsMalformedJsonAsABodyError(String body) {
            InvalidBody invalid = readFails(CreateTaskRequest.class, body);

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("body");
        }

        @Test
        void reportsJsonNestedTooDeeplyAsABodyError() {
            String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
            assertThat(readFails(CreateTaskRequest.class, deep).errors())
                    .containsExactly(new InvalidBody.FieldError("body", "malformed JSON: nested too deeply"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"[]", "[{\"title\": \"x\"}]", "\"title\"", "42", "true", "null"})
        void requiresAJsonObject(String body) {
            InvalidBody invalid = readFails(CreateTaskRequest.class, body);

            assertThat(invalid.errors()).containsExactly(new InvalidBody.FieldError("body", "a JSON object is required"));
        }

        @Test
        void reportsAnEmptyBodyAsABodyError() {
            InvalidBody invalid = readFails(CreateTaskRequest.class, "");

            assertThat(invalid.errors()).containsExactly(new InvalidBody.FieldError("body", "a JSON object is required"));
        }

        @Test
        void acceptsABodyOfExactlyTheMaximumSize() throws IOException {
            String body = padded("{\"title\": \"big\"}", RecordBodyReader.MAX_BODY_BYTES);

            assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(RecordBodyReader.MAX_BODY_BYTES);
            assertThat(read(CreateTaskRequest.class, body)).isEqualTo(new CreateTaskRequest("big", null, null));
        }

        @Test
        void rejectsABodyOneByteOverTheMaximumSizeBeforeParsingIt() {
            String body = padded("{\"title\": \"big\"}", RecordBodyReader.MAX_BODY_BYTES + 1);

            InvalidBody invalid = readFails(CreateTaskRequest.class, body);

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("body");
            assertThat(invalid.errors().get(0).message()).contains(Integer.toString(RecordBodyReader.MAX_BODY_BYTES));
        }

        @Test
        void rejectsAHugeBodyWithoutReadingAllOfIt() {
            byte[] huge = new byte[10 * RecordBodyReader.MAX_BODY_BYTES];
            java.util.Arrays.fill(huge, (byte) ' ');
            ByteArrayInputStream stream = new ByteArrayInputStream(huge);

            InvalidBody invalid = catchThrowableOfType(InvalidBody.class, () -> readFrom(CreateTaskRequest.class, stream));

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("body");
            assertThat(stream.available()).isGreaterThan(0);
        }

        @Test
        void reportsBindingErrorsBeforeValidation() {
            InvalidBody invalid = readFails(CreateProjectRequest.class, "{\"name\": \"\", \"key\": 1, \"owner\": \"x\"}");

            assertThat(invalid.errors()).containsExactly(
                    new InvalidBody.FieldError("key", "must be a string"),
                    new InvalidBody.FieldError("owner", "unknown property"));
        }
    }

    @Nested
    class Validating {
        @ParameterizedTest(name = "key \"{0}\"")
        @ValueSource(strings = {"ap", "A", "1AB", "A-B", "ABCDEFGHIJKLMNOPQ", "Ap11", "AÉ"})
        void namesTheKeyWhenItDoesNotMatchThePattern(String key) {
            InvalidBody invalid = readFails(CreateProjectRequest.class, "{\"name\": \"Apollo\", \"key\": \"" + key + "\"}");

            assertThat(invalid.errors()).containsExactly(new InvalidBody.FieldError("key",
                    "must be 2 to 16 upper-case letters or digits, starting with a letter"));
        }

        @ParameterizedTest(name = "key \"{0}\"")
        @ValueSource(strings = {"AB", "A1", "ABCDEFGHIJKLMNOP", "Z9Z9"})
        void acceptsKeysThatMatchThePattern(String key) throws IOException {
            CreateProjectRequest r = read(CreateProjectRequest.class, "{\"name\": \"Apollo\", \"key\": \"" + key + "\"}");

            assertThat(r.key()).isEqualTo(key);
        }

        @Test
        void namesEveryMissingRequiredField() {
            InvalidBody invalid = readFails(CreateProjectRequest.class, "{}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("key", "name");
        }

        @Test
        void namesABlankName() {
            InvalidBody invalid = readFails(CreateProjectRequest.class, "{\"name\": \"   \", \"key\": \"AP\"}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("name");
        }

        @Test
        void acceptsATitleOfTwoHundredCharacters() throws IOException {
            String title = "t".repeat(200);

            assertThat(read(CreateTaskRequest.class, "{\"title\": \"" + title + "\"}").title()).isEqualTo(title);
        }

        @Test
        void namesATitleOfTwoHundredAndOneCharacters() {
            InvalidBody invalid = readFails(CreateTaskRequest.class, "{\"title\": \"" + "t".repeat(201) + "\"}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("title");
        }

        @Test
        void namesADescriptionOverTenThousandCharacters() {
            InvalidBody invalid = readFails(CreateTaskRequest.class,
                    "{\"title\": \"ok\", \"description\": \"" + "d".repeat(10_001) + "\"}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("description");
        }

        @Test
        void namesEveryViolationSortedByField() {
            InvalidBody invalid = readFails(CreateTaskRequest.class,
                    "{\"title\": \"\", \"description\": \"" + "d".repeat(10_001) + "\"}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("description", "title");
        }

        @Test
        void namesAnAdminEmailThatIsNoEmailAddress() {
            InvalidBody invalid = readFails(SignUpRequest.class, "{\"name\": \"Acme\", \"adminEmail\": \"not-an-email\"}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("adminEmail");
        }

        @Test
        void acceptsASignUp() throws IOException {
            assertThat(read(SignUpRequest.class, "{\"name\": \"Acme\", \"adminEmail\": \"ada@example.com\"}"))
                    .isEqualTo(new SignUpRequest("Acme", "ada@example.com"));
        }

        @Test
        void namesABlankStatus() {
            InvalidBody invalid = readFails(MoveTaskRequest.class, "{\"status\": \"\"}");

            assertThat(invalid.errors()).extracting(InvalidBody.FieldError::field).containsExactly("status");
        }

        @Test
        void leavesUnknownStatusesToTheDomain() throws IOException {
            assertThat(read(MoveTaskRequest.class, "{\"status\": \"archived\"}")).isEqualTo(new MoveTaskRequest("archived"));
        }
    }

    private static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    private static <R extends Record> InvalidBody bindFails(Class<R> type, String body) {
        InvalidBody invalid = catchThrowableOfType(InvalidBody.class, () -> RecordBodyReader.bind(type, json(body)));
        assertThat(invalid).as("binding %s", abbreviated(body)).isNotNull();
        return invalid;
    }

    private static <R extends Record> R read(Class<R> type, String body) throws IOException {
        return readFrom(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R readFrom(Class<R> type, java.io.InputStream stream) throws IOException {
        return (R) reader.readFrom((Class<Record>) (Class<?>) type, type, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), stream);
    }

    private static InvalidBody readFails(Class<? extends Record> type, String body) {
        InvalidBody invalid = catchThrowableOfType(InvalidBody.class, () -> read(type, body));
        assertThat(invalid).as("reading %s", abbreviated(body)).isNotNull();
        return invalid;
    }

    private static String abbreviated(String body) {
        return body.length() <= 80 ? body : body.substring(0, 77) + "...";
    }

    private static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.getBytes(StandardCharsets.UTF_8).length);
    }
}
