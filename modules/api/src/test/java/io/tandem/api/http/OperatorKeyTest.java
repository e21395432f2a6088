package io.tandem.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator key opens operator access only if it is long enough, and says so when it is not. */
class OperatorKeyTest {
    private static final String LONG = "0123456789abcdef0123456789abcdef";

    private static OperatorKey configured(String key) {
        OperatorKey k = new OperatorKey();
        k.configured = Optional.ofNullable(key);
        return k;
    }

    @Test
    void aLongEnoughKeyMatchesOnlyItself() {
        OperatorKey key = configured(LONG);
        assertThat(key.misconfiguration()).isEmpty();
        assertThat(key.matches(LONG)).isTrue();
        assertThat(key.matches(LONG + "x")).isFalse();
    }

    @Test
    void aShortKeyOpensNothingAndSaysWhy() {
        OperatorKey key = configured(LONG.substring(0, 31));
        assertThat(key.matches(LONG.substring(0, 31))).isFalse();
        assertThat(key.misconfiguration()).hasValueSatisfying(m -> assertThat(m).contains("31 characters", "at least 32"));
    }

    @Test
    void noKeyIsNoOperatorAccessAndNoComplaint() {
        assertThat(configured(null).misconfiguration()).isEmpty();
        assertThat(configured("   ").misconfiguration()).isEmpty();
        assertThat(configured(null).matches("")).isFalse();
    }
}
