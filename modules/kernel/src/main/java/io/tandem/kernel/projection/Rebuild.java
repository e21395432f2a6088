package io.tandem.kernel.projection;

import java.time.Duration;
import java.time.Instant;

/** Progress of one projection rebuild for one tenant or all, as it runs and after. */
public final class Rebuild {
    public enum State { REPLAYING, SWAPPING, DONE, FAILED }

    private final String projector;
    private final TenantScope scope;
    private final Instant startedAt = Instant.now();
    private volatile State state = State.REPLAYING;
    private volatile long total;
    private volatile long done;
    private volatile long caughtUpAtSwap;
    private volatile Instant swapStartedAt;
    private volatile Instant finishedAt;
    private volatile String error;

    Rebuild(String projector, TenantScope scope) {
        this.projector = projector;
        this.scope = scope;
    }

    public String projector() { return projector; }
    public TenantScope scope() { return scope; }
    public State state() { return state; }
    public long total() { return total; }
    public long done() { return done; }
    /** Events that arrived after the replay's last batch and were applied inside the swap. */
    public long caughtUpAtSwap() { return caughtUpAtSwap; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    /** How long the swap took (live deliveries wait for it), once it has finished. */
    public long swapMillis() {
        return swapStartedAt == null || finishedAt == null ? 0 : Duration.between(swapStartedAt, finishedAt).toMillis();
    }
    public String error() { return error; }

    public boolean running() {
        return state == State.REPLAYING || state == State.SWAPPING;
    }

    /** Events replayed per second so far (or overall, once finished). */
    public double eventsPerSecond() {
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        long millis = Math.max(1, Duration.between(startedAt, end).toMillis());
        return (done + caughtUpAtSwap) * 1000.0 / millis;
    }

    void total(long total) { this.total = total; }
    /** Events replayed so far (batches whose every share has committed). */
    void replayed(long events) { this.done = events; }
    void swapping() {
        this.swapStartedAt = Instant.now();
        this.state = State.SWAPPING;
    }

    void finished(long caughtUp) {
        this.caughtUpAtSwap = caughtUp;
        this.finishedAt = Instant.now();
        this.state = State.DONE;
    }

    void failed(String error) {
        this.error = error;
        this.finishedAt = Instant.now();
        this.state = State.FAILED;
    }
}
