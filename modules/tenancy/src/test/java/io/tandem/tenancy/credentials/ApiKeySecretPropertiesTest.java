package io.tandem.tenancy.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

class ApiKeySecretPropertiesTest {
    private static final ApiKeySecret SECRETS = new ApiKeySecret(new byte[32]);
    /** Generated once: a property compares many presented strings against one stored key. */
    private static final ApiKeySecret.Issued ISSUED = SECRETS.generate();

    @Property(tries = 1000)
    void arbitraryStringNeverMatchesAGeneratedKeysHashUnlessItIsTheKey(@ForAll String presented) {
        assertThat(SECRETS.matches(presented, ISSUED.hash())).isEqualTo(presented.equals(ISSUED.key()));
    }

    @Property(tries = 1000)
    void nearMissOfAGeneratedKeyNeverMatches(@ForAll("nearMisses") String presented) {
        assertThat(SECRETS.matches(presented, ISSUED.hash())).isEqualTo(presented.equals(ISSUED.key()));
    }

    @Property(tries = 1000)
    void prefixOfNeverThrowsOnArbitraryStrings(@ForAll String presented) {
        assertThatCode(() -> ApiKeySecret.prefixOf(presented)).doesNotThrowAnyException();
    }

    @Property(tries = 1000)
    void prefixOfFindsAPrefixOnlyInKeyShapedStrings(@ForAll("keyLike") String presented) {
        boolean wellFormed = presented.matches("tdm_[a-z0-9]{10}_[A-Za-z0-9_-]{43}");

        assertThat(ApiKeySecret.prefixOf(presented))
                .isEqualTo(wellFormed ? Optional.of(presented.substring(4, 14)) : Optional.empty());
        // Both outcomes must be exercised, or the property says nothing about one of them.
        Statistics.label("well formed").collect(wellFormed);
        Statistics.label("well formed").coverage(coverage -> {
            coverage.check(true).count(n -> n >= 100);
            coverage.check(false).count(n -> n >= 100);
        });
    }

    @Property(tries = 200)
    void everyGeneratedKeyMatchesOnlyItsOwnHash(@ForAll("generated") ApiKeySecret.Issued issued) {
        assertThat(ApiKeySecret.prefixOf(issued.key())).contains(issued.prefix());
        assertThat(SECRETS.matches(issued.key(), issued.hash())).isTrue();
        assertThat(SECRETS.matches(issued.key(), ISSUED.hash())).isFalse();
        assertThat(SECRETS.matches(ISSUED.key(), issued.hash())).isFalse();
    }

    /** The generated key with one character changed, removed or added. */
    @Provide
    Arbitrary<String> nearMisses() {
        String key = ISSUED.key();
        Arbitrary<Integer> index = Arbitraries.integers().between(0, key.length() - 1);
        Arbitrary<Character> c = Arbitraries.chars().with("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_- \u0000é");
        Arbitrary<String> replaced = Combinators.combine(index, c)
                .as((i, ch) -> key.substring(0, i) + ch + key.substring(i + 1));
        Arbitrary<String> removed = index.map(i -> key.substring(0, i) + key.substring(i + 1));
        Arbitrary<String> inserted = Combinators.combine(index, c)
                .as((i, ch) -> key.substring(0, i) + ch + key.substring(i));
        return Arbitraries.oneOf(replaced, removed, inserted);
    }

    /** Well-formed keys, and strings built from the key alphabet close to the tdm_ shape. */
    @Provide
    Arbitrary<String> keyLike() {
        Arbitrary<String> wellFormed = Combinators.combine(
                        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofLength(10),
                        Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
                                .withChars("_-").ofLength(43))
                .as((p, x) -> "tdm_" + p + "_" + x);
        return Arbitraries.frequencyOf(Tuple.of(1, wellFormed), Tuple.of(2, nearlyKeys()));
    }

    private static Arbitrary<String> nearlyKeys() {
        Arbitrary<String> tag = Arbitraries.of("tdm_", "tdm_", "tdm_", "TDM_", "tdm", "");
        Arbitrary<String> prefix = Arbitraries.strings().withChars("abcxyz019AZ_").ofMinLength(8).ofMaxLength(11);
        Arbitrary<String> separator = Arbitraries.of("_", "_", "_", "-", "");
        Arbitrary<String> secret = Arbitraries.strings().withChars("AZaz09_-+/=").ofMinLength(41).ofMaxLength(44);
        return Combinators.combine(tag, prefix, separator, secret).as((t, p, s, x) -> t + p + s + x);
    }

    @Provide
    Arbitrary<ApiKeySecret.Issued> generated() {
        return Arbitraries.create(SECRETS::generate);
    }
}
