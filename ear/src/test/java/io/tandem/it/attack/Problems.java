package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** What an answer must not reveal, and whether two answers can be told apart. */
final class Problems {
    /** Server internals: stack frames, SQL and its errors, class and package names. */
    static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\("),
            Pattern.compile("java\\."),
            Pattern.compile("jakarta\\."),
            Pattern.compile("javax\\."),
            Pattern.compile("org\\.hibernate"),
            Pattern.compile("org\\.jboss"),
            Pattern.compile("io\\.tandem"),
            Pattern.compile("io\\.undertow"),
            Pattern.compile("Exception"),
            Pattern.compile("\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\\b .*\\b(FROM|SET|VALUES|WHERE)\\b"),
            Pattern.compile("SQLState|SQL state|syntax error|constraint \\[|violates .*constraint|JDBC", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b(PSQL|H2|HHH|WFLY|RESTEASY|ARJUNA|AMQ)\\d{3,}"));

    private Problems() {}

    /** The internals an answer shows that the request did not itself contain (an echo is not a leak). */
    /**
     * Credentials shown once (an API key, an invitation token) are random text: 256 random bits
     * spell "jdBc" now and then. They are masked before the body is searched for internals.
     */
    static final Pattern CREDENTIAL = Pattern.compile("tdm_[a-z0-9]{10}_[A-Za-z0-9_-]{43}|tdi_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}");

    static List<String> internals(Wire.Reply reply) {
        List<String> found = new ArrayList<>();
        String request = reply.request().describe() + reply.request().bodyText();
        String body = CREDENTIAL.matcher(reply.body()).replaceAll("<credential>");
        for (Pattern p : INTERNALS) {
            var m = p.matcher(body);
            while (m.find()) {
                if (!request.contains(m.group())) {
                    found.add(m.group());
                    break;
                }
            }
        }
        return found;
    }

    /** Secrets (ids, names, keys) that are in the answer but were not in the request. */
    static List<String> secrets(Wire.Reply reply, Collection<String> secrets) {
        String request = reply.request().target() + "\n" + reply.request().bodyText();
        List<String> found = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isBlank() && reply.body().contains(s) && !request.contains(s)) {
                found.add(s);
            }
        }
        return found;
    }

    /**
     * How an answer about the attacked tenant's ids differs from the answer about random ids: status,
     * media type, header names, the set of fields, the problem's type, title, status and field names,
     * and the detail (or a 2xx body) once each side's own ids are blanked out.
     */
    static List<String> differences(Wire.Reply attack, Wire.Reply twin, Map<UUID, UUID> ids) {
        List<String> d = new ArrayList<>();
        if (attack.status() != twin.status()) {
            d.add("status " + attack.status() + " vs " + twin.status());
        }
        if (!Objects.equals(attack.contentType(), twin.contentType())) {
            d.add("content type " + attack.contentType() + " vs " + twin.contentType());
        }
        if (!headerNames(attack).equals(headerNames(twin))) {
            d.add("headers " + headerNames(attack) + " vs " + headerNames(twin));
        }
        JsonNode a = attack.json();
        JsonNode t = twin.json();
        if ((a == null) != (t == null)) {
            d.add("JSON body on one side only");
            return d;
        }
        if (a == null) {
            if (!blank(attack.body(), ids.keySet()).equals(blank(twin.body(), ids.values()))) {
                d.add("body differs");
            }
            return d;
        }
        if (!fieldNames(a).equals(fieldNames(t))) {
            d.add("fields " + fieldNames(a) + " vs " + fieldNames(t));
        }
        for (String f : List.of("type", "title", "status")) {
            if (!Objects.equals(a.path(f).asText(null), t.path(f).asText(null))) {
                d.add(f + " " + a.path(f).asText(null) + " vs " + t.path(f).asText(null));
            }
        }
        if (!errorFields(a).equals(errorFields(t))) {
            d.add("errors[].field " + errorFields(a) + " vs " + errorFields(t));
        }
        String detailA = blank(a.path("detail").asText(""), ids.keySet());
        String detailT = blank(t.path("detail").asText(""), ids.values());
        if (!detailA.equals(detailT)) {
            d.add("detail '" + detailA + "' vs '" + detailT + "'");
        }
        if (attack.is2xx() && twin.is2xx() && !blank(a.toString(), ids.keySet()).equals(blank(t.toString(), ids.values()))) {
            d.add("2xx bodies differ");
        }
        return d;
    }

    static Set<String> headerNames(Wire.Reply r) {
        Set<String> names = new TreeSet<>();
        for (String n : r.headers().map().keySet()) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (!lower.equals("date") && !lower.equals(":status")) {
                names.add(lower);
            }
        }
        return names;
    }

    static Set<String> fieldNames(JsonNode j) {
        Set<String> names = new TreeSet<>();
        if (j != null && j.isObject()) {
            j.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    static List<String> errorFields(JsonNode j) {
        List<String> fields = new ArrayList<>();
        if (j != null) {
            j.path("errors").forEach(e -> fields.add(e.path("field").asText(null)));
        }
        return fields;
    }

    private static String blank(String s, Collection<UUID> ids) {
        String out = s;
        for (UUID id : ids) {
            out = out.replace(id.toString(), "<id>");
        }
        return out;
    }
}
