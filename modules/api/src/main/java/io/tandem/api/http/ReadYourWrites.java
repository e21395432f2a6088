package io.tandem.api.http;

import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ProjectionProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Waits until read models have caught up with a position. The bound is MicroProfile Fault
 * Tolerance's {@code @Timeout}: 2 s unless the server's configuration sets
 * {@code io.tandem.api.http.ReadYourWrites/await/Timeout/value} (milliseconds).
 */
@ApplicationScoped
public class ReadYourWrites {
    static final long POLL_MILLIS = 5;

    @Inject
    ProjectionProgress progress;

    @Timeout(2000)
    public void await(List<Projection> projections, UUID tenantId, long position) throws InterruptedException {
        for (Projection projection : projections) {
            while (!progress.reached(projection, tenantId, position)) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }
}
