package io.tandem.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform operator's key, from configuration ({@code tandem.operator.key}, e.g. the
 * environment variable {@code TANDEM_OPERATOR_KEY}); unset, there is no operator access at all.
 * It must be at least 32 characters. Compared by hash in constant time.
 */
@ApplicationScoped
public class OperatorKey {
    static final int MIN_LENGTH = 32;

    @Inject
    @ConfigProperty(name = "tandem.operator.key")
    Optional<String> configured;

    private volatile byte[] digest;

    /**
     * Why the configured key gives no operator access, if it is set but too short: said at start-up,
     * because every operator call is otherwise a bare 401 that names no cause.
     */
    public Optional<String> misconfiguration() {
        int length = configured.map(String::trim).map(String::length).orElse(0);
        return length > 0 && length < MIN_LENGTH
                ? Optional.of("tandem.operator.key (TANDEM_OPERATOR_KEY) has " + length + " characters; at least " + MIN_LENGTH
                        + " are needed, so operator access is off")
                : Optional.empty();
    }

    public boolean matches(String presented) {
        byte[] expected = digest();
        return expected.length > 0 && MessageDigest.isEqual(expected, sha256(presented));
    }

    private byte[] digest() {
        byte[] d = digest;
        if (d == null) {
            String key = configured.map(String::trim).orElse("");
            d = key.length() >= MIN_LENGTH ? sha256(key) : new byte[0];
            digest = d;
        }
        return d;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
