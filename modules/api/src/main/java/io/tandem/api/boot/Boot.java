package io.tandem.api.boot;

import io.tandem.api.http.OperatorKey;
import io.tandem.kernel.idempotency.IdempotencyKeys;
import io.tandem.kernel.publication.OutboxRelay;
import io.tandem.kernel.publication.OutboxStore;
import io.tandem.kernel.schema.SchemaMigrations;
import io.tandem.kernel.tenant.TenantClosures;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The composition root's start-up: bring the schema up to date, then start publishing the outbox.
 * Runs outside JTA because schema migration commits DDL on its own.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Boot {
    private static final Logger LOG = Logger.getLogger(Boot.class.getName());

    /** Schema owners, in dependency order: the kernel's event log first, then each context. */
    static final String[] SCHEMA_OWNERS = {"kernel", "tenancy", "tracker"};

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxStore outbox;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    TenantClosures closures;

    @Inject
    OperatorKey operatorKey;

    @PostConstruct
    void start() {
        SchemaMigrations.migrate(dataSource, Thread.currentThread().getContextClassLoader(), SCHEMA_OWNERS);
        // After a crash this says where the log stands and what the relay still has to publish.
        LOG.info(String.format("event log at position %d, %d events waiting in the outbox",
                outbox.lastPosition(), outbox.pending()));
        relay.start();
        operatorKey.misconfiguration().ifPresent(LOG::warning);
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        LOG.info(String.format("Tandem is up on Java " + Runtime.version() + ": API http://localhost:%d/api  OpenAPI http://localhost:%d/openapi"
                        + "  health http://localhost:%d/health",
                8080 + offset, 8080 + offset, 9990 + offset));
    }

    /** Idempotency keys are kept 24 h; an hourly sweep removes older ones. */
    @Schedule(minute = "17", hour = "*", persistent = false)
    void expireIdempotencyKeys() {
        int expired = idempotencyKeys.expire();
        if (expired > 0) {
            LOG.info(() -> "expired " + expired + " idempotency key(s) older than " + IdempotencyKeys.KEPT);
        }
    }

    /**
     * A late event of a closed tenant could write a read-model row in the instant of the closing
     * commit; the hourly sweep erases any such row (TenantClosures).
     */
    @Schedule(minute = "41", hour = "*", persistent = false)
    void sweepClosedTenants() {
        closures.sweep();
    }

    @PreDestroy
    void stop() {
        relay.stop();
    }
}
