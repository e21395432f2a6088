package io.tandem.kernel.publication;

import io.tandem.kernel.projection.ProjectorBacklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers and the outbox relay runs: only then do accepted commands reach
 * the read models. Reports the outbox backlog so an operator can see publication falling behind.
 *
 * <p>It lives in the kernel (the EAR's lib/) rather than in the WAR because WildFly registers the
 * health checks it finds through the top-level deployment, which does not see a WAR's beans.
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {
    @Inject
    OutboxRelay relay;

    @Inject
    OutboxStore outbox;

    @Inject
    ProjectorBacklog backlog;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("tandem-event-publication");
        try {
            long pending = outbox.pending();
            builder.withData("outboxPending", pending)
                    .withData("published", relay.publishedCount())
                    .withData("unfinishedDeliveries", backlog.unfinished())
                    .withData("lastPublishedPosition", relay.lastPublishedPosition());
            if (relay.lastError() != null) {
                builder.withData("lastError", relay.lastError());
            }
            return builder.status(relay.running()).build();
        } catch (RuntimeException e) {
            return builder.down().withData("error", "database unreachable").build();
        }
    }
}
