package io.tandem.tenancy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeySecretTest {
    private static final ApiKeySecret SECRETS = new ApiKeySecret(new byte[32]);
    private static final Pattern KEY_SHAPE = Pattern.compile("tdm_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @RepeatedTest(50)
    void generatesKeysOfTheDocumentedShape() {
        ApiKeySecret.Issued issued = SECRETS.generate();

        assertThat(issued.key()).matches(KEY_SHAPE);
        assertThat(issued.prefix()).matches("[a-z0-9]{10}");
        assertThat(issued.key()).startsWith("tdm_" + issued.prefix() + "_");
        assertThat(issued.hash()).isEqualTo(SECRETS.hash(issued.key()));
    }

    @Test
    void generatesADifferentKeyAndPrefixEveryTime() {
        Set<String> keys = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ApiKeySecret.Issued issued = SECRETS.generate();
            keys.add(issued.key());
            prefixes.add(issued.prefix());
        }

        assertThat(keys).hasSize(1000);
        // 36^10 possible prefixes: a collision among 1000 would mean the prefix is not random.
        assertThat(prefixes).hasSize(1000);
    }

    @RepeatedTest(20)
    void findsThePrefixOfAGeneratedKey() {
        ApiKeySecret.Issued issued = SECRETS.generate();

        assertThat(ApiKeySecret.prefixOf(issued.key())).contains(issued.prefix());
    }

    @Test
    void findsThePrefixOfAWellFormedKey() {
        String key = "tdm_abc123xyz0_" + "A".repeat(20) + "-_" + "z9".repeat(10) + "Q";

        assertThat(key).matches(KEY_SHAPE);
        assertThat(ApiKeySecret.prefixOf(key)).contains("abc123xyz0");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "",
        "tdm_",
        "tdm_abc123xyz0_",
        "Bearer tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // wrong product tag
        "tdx_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "TDM_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // upper case in the prefix
        "tdm_ABC123XYZ0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // prefix one short, one long
        "tdm_abc123xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tdm_abc123xyz01_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // secret one short, one long
        "tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // standard base64, not base64url; padding
        "tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
        "tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
        "tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        // surrounding whitespace and line breaks
        " tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tdm_abc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
        // missing separator
        "tdmabc123xyz0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "tdm_abc123xyz0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    })
    void findsNoPrefixInAMalformedKey(String presented) {
        assertThat(ApiKeySecret.prefixOf(presented)).isEmpty();
    }

    @Test
    void findsNoPrefixWhenAGeneratedKeyIsTruncatedOrExtended() {
        String key = SECRETS.generate().key();

        assertThat(ApiKeySecret.prefixOf(key.substring(0, key.length() - 1))).isEmpty();
        assertThat(ApiKeySecret.prefixOf(key + "A")).isEmpty();
        assertThat(ApiKeySecret.prefixOf(key.substring(1))).isEmpty();
    }

    @Test
    void hashesToTheKnownSha256OfTheKey() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        assertThat(ApiKeySecret.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeySecret.sha256(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hashesAGeneratedKeyAsLowerCaseHexSha256OfItsUtf8Bytes() throws Exception {
        String key = SECRETS.generate().key();
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));

        assertThat(ApiKeySecret.sha256(key)).isEqualTo(expected).matches(SHA256_HEX);
    }

    @Test
    void hashesTheSameKeyToTheSameValueEveryTime() {
        String key = SECRETS.generate().key();

        assertThat(ApiKeySecret.sha256(key)).isEqualTo(ApiKeySecret.sha256(new String(key.toCharArray())));
    }

    @Test
    void matchesTheKeyItWasIssuedFor() {
        ApiKeySecret.Issued issued = SECRETS.generate();

        assertThat(SECRETS.matches(issued.key(), issued.hash())).isTrue();
    }

    @Test
    void doesNotMatchAnotherGeneratedKey() {
        ApiKeySecret.Issued issued = SECRETS.generate();
        ApiKeySecret.Issued other = SECRETS.generate();

        assertThat(SECRETS.matches(other.key(), issued.hash())).isFalse();
        assertThat(SECRETS.matches(issued.key(), other.hash())).isFalse();
    }

    @Test
    void doesNotMatchAKeyWithTheSamePrefixButAnotherSecret() {
        ApiKeySecret.Issued issued = SECRETS.generate();
        char last = issued.key().charAt(issued.key().length() - 1);
        String tampered = issued.key().substring(0, issued.key().length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(ApiKeySecret.prefixOf(tampered)).contains(issued.prefix());
        assertThat(SECRETS.matches(tampered, issued.hash())).isFalse();
    }

    @Test
    void doesNotMatchTheHashItselfOrAnUpperCaseHash() {
        ApiKeySecret.Issued issued = SECRETS.generate();

        assertThat(SECRETS.matches(issued.hash(), issued.hash())).isFalse();
        assertThat(SECRETS.matches(issued.key(), issued.hash().toUpperCase())).isFalse();
        assertThat(SECRETS.matches(issued.key(), "")).isFalse();
    }

    @Test
    void storesAKeyedHashThatAnotherServerKeyCannotReproduce() throws Exception {
        byte[] serverKey = new byte[32];
        serverKey[0] = 7;
        ApiKeySecret ours = new ApiKeySecret(serverKey);
        ApiKeySecret.Issued issued = ours.generate();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(serverKey, "HmacSHA256"));

        assertThat(issued.hash()).isEqualTo(HexFormat.of().formatHex(mac.doFinal(issued.key().getBytes(StandardCharsets.UTF_8))));
        assertThat(issued.hash()).isNotEqualTo(ApiKeySecret.sha256(issued.key()));
        assertThat(SECRETS.matches(issued.key(), issued.hash())).isFalse();
        assertThat(ours.matches(issued.key(), issued.hash())).isTrue();
    }

    @Test
    void stillVerifiesKeysStoredWithThePlainSha256OfEarlierReleases() {
        String key = SECRETS.generate().key();

        assertThat(SECRETS.matches(key, ApiKeySecret.sha256(key), ApiKeySecret.SHA256)).isTrue();
        assertThat(SECRETS.matches(key, ApiKeySecret.sha256(key), ApiKeySecret.HMAC)).isFalse();
    }

    @Test
    void refusesAServerKeyShorterThan256Bits() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApiKeySecret(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvitationTokenNamesItsTenantAndNothingElseParses() {
        java.util.UUID tenant = java.util.UUID.randomUUID();
        ApiKeySecret.Issued token = SECRETS.invitationToken(tenant);

        assertThat(ApiKeySecret.tenantOfToken(token.key())).contains(tenant);
        assertThat(SECRETS.matches(token.key(), token.hash())).isTrue();
        assertThat(ApiKeySecret.tenantOfToken(token.key() + "x")).isEmpty();
        assertThat(ApiKeySecret.tenantOfToken(SECRETS.generate().key())).isEmpty();
        assertThat(ApiKeySecret.tenantOfToken(null)).isEmpty();
    }
}
