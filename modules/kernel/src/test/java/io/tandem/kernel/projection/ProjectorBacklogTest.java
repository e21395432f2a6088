package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProjectorBacklogTest {
    /** Task events go to two projectors here, Tenant events to one. */
    private final ProjectorBacklog backlog = new ProjectorBacklog(Map.of("Task", 2, "Tenant", 1)::get);

    @Test
    void aMessageIsUnfinishedUntilEveryProjectorThatFollowsItsTypeHasFinishedIt() {
        backlog.published("Task", 3);
        backlog.published("Tenant", 1);
        assertThat(backlog.unfinished()).isEqualTo(7);
        for (int i = 0; i < 6; i++) {
            backlog.finished();
        }
        assertThat(backlog.unfinished()).isEqualTo(1);
    }

    @Test
    void neverCountsBelowNothing() {
        // Messages an earlier run left in the broker are delivered without having been counted.
        backlog.finished();
        backlog.finished();
        backlog.published("Tenant", 1);
        assertThat(backlog.unfinished()).isEqualTo(1);
    }

    @Test
    void aWaitWithNothingUnfinishedReturnsAtOnce() throws InterruptedException {
        assertThat(backlog.awaitFinished(0)).isTrue();
    }

    @Test
    void aWaitEndsWhenTheLastDeliveryIsFinished() throws Exception {
        backlog.published("Task", 1);
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return backlog.awaitFinished(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiter();
        backlog.finished();
        assertThat(waited).as("one of two deliveries is still unfinished").isNotDone();
        backlog.finished();
        assertThat(waited.get(30, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitWaiter() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!backlog.someoneWaits()) {
            assertThat(System.nanoTime()).as("the waiter's start").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aWaitInWhichNothingFinishesIsBoundedAndForgetsTheCount() throws InterruptedException {
        // A count left too high (or a stopped projector) must not make every later pass wait too.
        backlog.published("Tenant", 1);
        assertThat(backlog.awaitFinished(20)).isFalse();
        assertThat(backlog.unfinished()).isZero();
    }

    @Test
    void aWaitInWhichSomeDeliveriesFinishKeepsTheRestCounted() throws Exception {
        backlog.published("Task", 2);
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                // Long enough that the finish below lands inside the wait even on a loaded machine.
                return backlog.awaitFinished(1_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiter();
        backlog.finished();
        assertThat(waited.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(backlog.unfinished()).isEqualTo(3);
    }

    @Test
    void messagesWhoseCommitFailedAreTakenBackOff() {
        backlog.published("Task", 2);
        backlog.published("Task", -2);
        assertThat(backlog.unfinished()).isZero();
    }
}
