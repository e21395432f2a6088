package io.tandem.tenancy.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of an API key: {@code tdm_<prefix>_<secret>}, a 10-character public prefix that finds
 * the key's row and 256 random bits. With that much entropy a plain SHA-256 is a sound verifier (a
 * slow password hash buys nothing against a key that cannot be guessed) and keeps authentication
 * cheap on every request.
 */
public final class ApiKeySecret {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("tdm_([a-z0-9]{10})_([A-Za-z0-9_-]{43})");
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private ApiKeySecret() {}

    /** A newly generated key: the full key is shown once to its owner; prefix and hash are stored. */
    public record Issued(String key, String prefix, String hash) {}

    public static Issued generate() {
        StringBuilder prefix = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            prefix.append(PREFIX_ALPHABET[RANDOM.nextInt(PREFIX_ALPHABET.length)]);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "tdm_" + prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(key, prefix.toString(), hash(key));
    }

    /** The prefix of a well-formed key; empty for anything else, which is then refused unread. */
    public static Optional<String> prefixOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Compares in time independent of where the hashes differ. */
    public static boolean matches(String presented, String storedHash) {
        return MessageDigest.isEqual(
                hash(presented).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
