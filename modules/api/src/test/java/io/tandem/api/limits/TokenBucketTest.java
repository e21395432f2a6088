package io.tandem.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void letsABurstThroughThenAsksToWait() {
        TokenBucket bucket = new TokenBucket(5, 10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take(0)).as("request " + i).isZero();
        }
        assertThat(bucket.take(0)).isEqualTo(1);
    }

    @Test
    void refillsAtItsRateAndNeverAboveItsBurst() {
        TokenBucket bucket = new TokenBucket(2, 4, 0);
        for (int i = 0; i < 4; i++) {
            bucket.take(0);
        }
        assertThat(bucket.take(SECOND / 4)).isEqualTo(1);
        assertThat(bucket.take(SECOND)).isZero();
        assertThat(bucket.take(SECOND)).isZero();
        assertThat(bucket.take(SECOND)).isPositive();
        // A long idle time fills the bucket to its burst only.
        long later = 100 * SECOND;
        for (int i = 0; i < 4; i++) {
            assertThat(bucket.take(later)).isZero();
        }
        assertThat(bucket.take(later)).isPositive();
    }

    @Test
    void retryAfterCoversTheTimeToTheNextToken() {
        TokenBucket bucket = new TokenBucket(0.25, 1, 0);
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isEqualTo(4);
        assertThat(bucket.take(3 * SECOND)).isEqualTo(1);
        assertThat(bucket.take(4 * SECOND)).isZero();
    }

    @Test
    void aClockGoingBackwardsGrantsNothingExtra() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        assertThat(bucket.take(10 * SECOND)).isZero();
        assertThat(bucket.take(5 * SECOND)).isPositive();
    }

    @Test
    void refusesLimitsThatLetNothingThrough() {
        assertThatThrownBy(() -> new TokenBucket(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
