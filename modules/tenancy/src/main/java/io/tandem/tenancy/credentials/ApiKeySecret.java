package io.tandem.tenancy.credentials;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shape and the verifier of Tandem's secrets.
 *
 * <p>An API key is {@code tdm_<prefix>_<secret>}: a 10-character public prefix that finds the key's
 * row and 256 random bits. An invitation token is {@code tdi_<tenant id>_<secret>}: the tenant it
 * is for (not a secret) and 256 random bits. Both are stored as HMAC-SHA-256 under a server key that
 * never enters the database, so a copy of the database alone cannot even confirm a guessed key. A
 * slow password hash would buy nothing more against 256 random bits and would cost every request.
 * Keys issued before the keyed hash keep their plain SHA-256 ({@link #SHA256}).
 */
public final class ApiKeySecret {
    public static final String HMAC = "hmac-sha256";
    public static final String SHA256 = "sha256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern KEY_SHAPE = Pattern.compile("tdm_([a-z0-9]{10})_([A-Za-z0-9_-]{43})");
    private static final Pattern TOKEN_SHAPE =
            Pattern.compile("tdi_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final char[] PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecretKeySpec serverKey;

    public ApiKeySecret(byte[] serverKey) {
        if (serverKey.length < 32) {
            throw new IllegalArgumentException("the server key needs at least 256 bits");
        }
        this.serverKey = new SecretKeySpec(serverKey.clone(), "HmacSHA256");
    }

    /** A newly generated key: the full key is shown once to its owner; prefix and keyed hash are stored. */
    public record Issued(String key, String prefix, String hash) {}

    public Issued generate() {
        StringBuilder prefix = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            prefix.append(PREFIX_ALPHABET[RANDOM.nextInt(PREFIX_ALPHABET.length)]);
        }
        String key = "tdm_" + prefix + "_" + randomSecret();
        return new Issued(key, prefix.toString(), hash(key));
    }

    /** A new invitation token for a tenant and its keyed hash. */
    public Issued invitationToken(UUID tenantId) {
        String token = "tdi_" + tenantId + "_" + randomSecret();
        return new Issued(token, tenantId.toString(), hash(token));
    }

    /** The prefix of a well-formed key; empty for anything else, which is then refused unread. */
    public static Optional<String> prefixOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var m = KEY_SHAPE.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The tenant a well-formed invitation token is for; empty for anything else. */
    public static Optional<UUID> tenantOfToken(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        var m = TOKEN_SHAPE.matcher(presented);
        return m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    /** The keyed hash (HMAC-SHA-256 under the server key), lower-case hex. */
    public String hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(serverKey);
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    /** The plain SHA-256 that keys issued before the keyed hash were stored with. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Compares with the keyed hash, in time independent of where the hashes differ. */
    public boolean matches(String presented, String storedHash) {
        return matches(presented, storedHash, HMAC);
    }

    public boolean matches(String presented, String storedHash, String scheme) {
        String computed = SHA256.equals(scheme) ? sha256(presented) : hash(presented);
        return MessageDigest.isEqual(
                computed.getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
