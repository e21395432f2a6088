package io.tandem.api.http;

import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ProjectionProgress;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Waits until read models have caught up with a position. The bound is MicroProfile Fault
 * Tolerance's {@code @Timeout}: 2 s unless the server's configuration sets
 * {@code io.tandem.api.http.ReadYourWrites/await/Timeout/value} (milliseconds).
 *
 * <p>The timeout interrupts the waiting thread, so the database is asked on another one. An
 * interrupt that reaches embedded H2 while it reads its file closes the file's channel, and H2 then
 * closes the database for every session ("The database has been closed", checked with H2 2.2.224);
 * on this thread it only ends a sleep or the wait for the answer.
 */
@ApplicationScoped
public class ReadYourWrites {
    static final long POLL_MILLIS = 5;

    @Inject
    ProjectionProgress progress;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ExecutorService checks;

    @Timeout(2000)
    public void await(List<Projection> projections, UUID tenantId, long position) throws InterruptedException {
        for (Projection projection : projections) {
            while (!reached(projection, tenantId, position)) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private boolean reached(Projection projection, UUID tenantId, long position) throws InterruptedException {
        Future<Boolean> check = checks.submit(() -> progress.reached(projection, tenantId, position));
        try {
            // Interrupted here, the check is left to finish on its own: cancelling it would interrupt it.
            return check.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("read-your-writes check failed", e.getCause());
        }
    }
}
