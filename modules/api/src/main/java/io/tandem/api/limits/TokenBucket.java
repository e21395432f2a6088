package io.tandem.api.limits;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each request takes
 * one. Time is passed in (nanoseconds) so the arithmetic can be tested without a clock.
 */
final class TokenBucket {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for one request");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token: 0 if the request may go, else how many whole seconds until one is there (at least 1). */
    synchronized long take(long nowNanos) {
        double elapsed = Math.max(0, nowNanos - last) / 1e9;
        last = Math.max(last, nowNanos);
        tokens = Math.min(burst, tokens + elapsed * perSecond);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    boolean sameLimits(double rate, double size) {
        return perSecond == rate && burst == size;
    }
}
