package io.tandem.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Property
    void carriesItsTimeVersionSevenAndTheIetfVariant(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFFL) long millis,
            @ForAll long seed) {
        UUID id = TimeOrderedIds.at(millis, new Random(seed));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(TimeOrderedIds.epochMillis(id)).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    /** PostgreSQL and H2 order uuid values by their bytes, unsigned: a later millisecond sorts after. */
    @Property
    void aLaterMillisecondSortsAfterWhateverTheRandomBits(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFEL) long millis,
            @ForAll @LongRange(min = 1, max = 1_000_000) long later, @ForAll long seedA, @ForAll long seedB) {
        long then = Math.min(millis + later, 0xFFFF_FFFF_FFFFL);
        UUID first = TimeOrderedIds.at(millis, new Random(seedA));
        UUID second = TimeOrderedIds.at(then, new Random(seedB));
        assertThat(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits())).isNegative();
    }

    @Test
    void nextIsNowAndNeverRepeats() {
        long before = System.currentTimeMillis();
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        long after = System.currentTimeMillis();
        assertThat(ids).hasSize(100_000);
        assertThat(ids).allSatisfy(id -> assertThat(TimeOrderedIds.epochMillis(id)).isBetween(before, after));
    }
}
