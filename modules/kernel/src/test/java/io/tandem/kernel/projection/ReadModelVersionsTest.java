package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReadModelVersionsTest {
    static final String BOARD = "task-board";
    static final UUID TENANT = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    final ReadModelVersions versions = new ReadModelVersions();

    @Test
    void aVersionIsStableOnlyWhileNoChangeIsInFlight() {
        String before = versions.stamp(List.of(BOARD), TENANT).orElseThrow();
        var change = versions.begin(BOARD, TENANT);
        assertThat(versions.stamp(List.of(BOARD), TENANT)).isEmpty();
        ReadModelVersions.finish(change);
        assertThat(versions.stamp(List.of(BOARD), TENANT)).get().isNotEqualTo(before);
    }

    /**
     * The rows of a change may already be visible (and a Tandem-Min-Position wait over) before its
     * transaction's completion counts it as finished. An answer read then shows the change, so its
     * label must not be the version before it, which a client revalidating its older copy sends as
     * If-None-Match (QueryCacheIT once got 304 so); nor the version after it, nor another such label.
     */
    @Test
    void anAnswerReadDuringAChangeIsLabelledAsNoVersionAndNoOtherAnswer() {
        String before = versions.label(List.of(BOARD), TENANT);
        assertThat(versions.stamp(List.of(BOARD), TENANT)).contains(before);
        var change = versions.begin(BOARD, TENANT);

        String during = versions.label(List.of(BOARD), TENANT);
        String duringAgain = versions.label(List.of(BOARD), TENANT);
        ReadModelVersions.finish(change);
        String after = versions.stamp(List.of(BOARD), TENANT).orElseThrow();

        assertThat(during).isNotEqualTo(before).isNotEqualTo(after).isNotEqualTo(duringAgain);
        assertThat(versions.label(List.of(BOARD), TENANT)).isEqualTo(after);
    }

    @Test
    void anotherTenantsChangesLeaveTheVersionAlonePlatformChangesMoveIt() {
        String before = versions.stamp(List.of(BOARD), TENANT).orElseThrow();
        ReadModelVersions.finish(versions.begin(BOARD, OTHER));
        ReadModelVersions.finish(versions.begin("project-list", TENANT));
        assertThat(versions.stamp(List.of(BOARD), TENANT)).contains(before);
        ReadModelVersions.finish(versions.begin(BOARD, CurrentTenant.PLATFORM));
        assertThat(versions.stamp(List.of(BOARD), TENANT)).get().isNotEqualTo(before);
    }

    @Test
    void twoServersNeverShareAVersion() {
        assertThat(new ReadModelVersions().stamp(List.of(BOARD), TENANT))
                .isNotEqualTo(versions.stamp(List.of(BOARD), TENANT));
    }

    /**
     * A model of the cache's use: changes (start, commit, finish; or start, finish as a rollback)
     * interleave with a reader (stamp, read the rows, stamp again, keep the answer if both stamps
     * are equal) and with lookups (serve the kept answer if its version is the current stamp).
     * Whatever the interleaving, a served answer equals the rows as committed at that moment.
     */
    @Property(tries = 2000)
    void aKeptAnswerIsOnlyEverServedWhileItIsTheCommittedState(
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 5) Integer> steps,
            @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 7) Integer> picks) {
        var model = new ReadModelVersions();
        List<UUID> keys = List.of(TENANT, CurrentTenant.PLATFORM, OTHER);
        record Change(ReadModelVersions.Counter counter, UUID tenant, boolean[] committed) {}
        List<Change> inFlight = new ArrayList<>();
        int[] rows = {0};
        int reader = 0;
        Optional<String> firstStamp = Optional.empty();
        int readRows = 0;
        String keptVersion = null;
        int keptRows = 0;
        for (int i = 0; i < steps.size(); i++) {
            int pick = i < picks.size() ? picks.get(i) : i;
            switch (steps.get(i)) {
                case 0 -> {
                    UUID tenant = keys.get(pick % keys.size());
                    inFlight.add(new Change(model.begin(BOARD, tenant), tenant, new boolean[1]));
                }
                case 1 -> {
                    if (!inFlight.isEmpty()) {
                        Change c = inFlight.get(pick % inFlight.size());
                        if (!c.committed()[0]) {
                            c.committed()[0] = true;
                            if (!c.tenant().equals(OTHER)) {
                                rows[0]++;
                            }
                        }
                    }
                }
                case 2 -> {
                    if (!inFlight.isEmpty()) {
                        ReadModelVersions.finish(inFlight.remove(pick % inFlight.size()).counter());
                    }
                }
                case 3, 4 -> {
                    switch (reader) {
                        case 0 -> firstStamp = model.stamp(List.of(BOARD), TENANT);
                        case 1 -> readRows = rows[0];
                        default -> {
                            if (firstStamp.isPresent() && firstStamp.equals(model.stamp(List.of(BOARD), TENANT))) {
                                keptVersion = firstStamp.get();
                                keptRows = readRows;
                            }
                        }
                    }
                    reader = (reader + 1) % 3;
                }
                default -> {
                    Optional<String> now = model.stamp(List.of(BOARD), TENANT);
                    if (keptVersion != null && now.isPresent() && now.get().equals(keptVersion)) {
                        assertThat(keptRows).as("answer served at version " + keptVersion).isEqualTo(rows[0]);
                    }
                }
            }
        }
    }
}
