package io.tandem.kernel.id;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * New identifiers for aggregates, events and commands: UUID version 7 (RFC 9562), the creation's
 * Unix time in milliseconds in the first 48 bits, then 74 random bits.
 *
 * <p>Why not random (version 4) ids: every new task puts rows keyed by its ids into the indexes of
 * the write model, the event log, the task board and three projector checkpoints. With random ids
 * each insert lands on a random page of an index that, at a million tasks, no longer fits in
 * PostgreSQL's buffers, and after every checkpoint each such page is logged in full again. Ids that
 * grow with time put new rows at the same few pages. Measured at 1M tasks on the bench machine
 * ({@code bench/results/ids-2026-12-04T0410Z.txt}): 1.2-1.27x the end-to-end create-task rate, a
 * lag p99 of 21-31 ms against 26-43 ms, and a fifth of the WAL per task.
 *
 * <p>The random bits come from {@link SecureRandom}, as for {@link UUID#randomUUID()}: an id still
 * cannot be guessed from another. It does tell when it was made, which the events say anyway.
 */
public final class TimeOrderedIds {
    private static final Random RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    /** A new version 7 id for now. */
    public static UUID next() {
        return at(System.currentTimeMillis(), RANDOM);
    }

    /** A version 7 id for the given Unix time in milliseconds (its lowest 48 bits) and random bits. */
    static UUID at(long epochMillis, Random random) {
        long randA = random.nextInt() & 0xFFFL;
        long randB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0x8000_0000_0000_0000L | randB;
        return new UUID(msb, lsb);
    }

    /** The Unix time in milliseconds a version 7 id was made at. */
    static long epochMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
