package io.tandem.api.http;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ProjectionProgress;
import io.tandem.kernel.projection.ReadModelTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ReadYourWrites readYourWrites = new ReadYourWrites();

    @AfterEach
    void stopThePool() {
        pool.shutdownNow();
    }

    @Test
    void anInterruptedWaitLeavesTheDatabaseCheckUninterrupted() throws Exception {
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicReference<Thread> checkThread = new AtomicReference<>();
        AtomicBoolean checkInterrupted = new AtomicBoolean();
        use((projection, position) -> {
            checkThread.set(Thread.currentThread());
            checking.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                checkInterrupted.set(true);
            } finally {
                checked.countDown();
            }
            return false;
        });
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                readYourWrites.await(List.of(projection("task-board")), UUID.randomUUID(), 7);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        waiter.start();
        assertThat(checking.await(5, SECONDS)).as("the check started").isTrue();

        waiter.interrupt(); // what Fault Tolerance's @Timeout does to the waiting thread

        assertThat(outcome.get(5, SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(checkThread.get()).isNotSameAs(waiter);
        release.countDown();
        assertThat(checked.await(5, SECONDS)).isTrue();
        assertThat(checkInterrupted).as("the database check was interrupted").isFalse();
    }

    @Test
    void returnsOnceEveryProjectionHasReachedThePosition() throws Exception {
        List<String> asked = new ArrayList<>();
        AtomicInteger boardChecks = new AtomicInteger();
        use((projection, position) -> {
            asked.add(projection.name() + "@" + position);
            return !projection.name().equals("task-board") || boardChecks.incrementAndGet() >= 3;
        });

        readYourWrites.await(List.of(projection("task-board"), projection("project-list")), UUID.randomUUID(), 42);

        assertThat(asked).containsExactly("task-board@42", "task-board@42", "task-board@42", "project-list@42");
    }

    @Test
    void aFailingCheckFailsTheWaitWithItsOwnException() {
        IllegalStateException down = new IllegalStateException("database unavailable");
        use((projection, position) -> {
            throw down;
        });

        assertThatThrownBy(() -> readYourWrites.await(List.of(projection("task-board")), UUID.randomUUID(), 1))
                .isSameAs(down);
    }

    private interface Check {
        boolean reached(Projection projection, long position);
    }

    private void use(Check check) {
        readYourWrites.checks = pool;
        readYourWrites.progress = new ProjectionProgress() {
            @Override
            public boolean reached(Projection projection, UUID tenantId, long position) {
                return check.reached(projection, position);
            }
        };
    }

    private static Projection projection(String name) {
        return new Projection() {
            @Override public String name() { return name; }
            @Override public Set<String> aggregateTypes() { return Set.of("Task"); }
            @Override public List<String> tables() { return List.of(); }
            @Override public void apply(RecordedEvent event, ReadModelTables tables) {}
        };
    }
}
