package io.tandem.tenancy.readmodel;

import io.tandem.kernel.command.CommandRefused;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * The {@code tenant_audit_log} read model: every command of a tenant with its actor, time and
 * outcome, built from the event log. An accepted command appears as the events it recorded, a
 * refused one as its {@link CommandRefused} event. It follows every aggregate type there is.
 */
@ApplicationScoped
public class AuditLogProjection implements Projection {
    public static final String NAME = "audit-log";
    private static final String CLOSING_EVENT = "TenantClosed";
    private static final Set<String> TENANCY_TYPES = Set.of("Tenant", "Member", "ApiKey", "Invitation", CommandRefused.TYPE);

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    @Any
    Instance<Projection> projections;

    private volatile Set<String> types;

    @Override
    public String name() {
        return NAME;
    }

    /** Its own types and those of every other projection: all the aggregate types the log holds. */
    @Override
    public Set<String> aggregateTypes() {
        Set<String> known = types;
        if (known == null) {
            Set<String> all = new TreeSet<>(TENANCY_TYPES);
            for (Projection p : projections) {
                if (!NAME.equals(p.name())) {
                    all.addAll(p.aggregateTypes());
                }
            }
            types = known = Set.copyOf(all);
        }
        return known;
    }

    @Override
    public List<String> tables() {
        return List.of("tenant_audit_log");
    }

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        applyAll(List.of(e), tables);
    }

    /**
     * One JDBC batch for a message's rows, as the other projections write theirs: the audit log
     * follows every event there is, and it ran a native query (a Hibernate execution and a round
     * trip) per event, 64 for a full message.
     */
    @Override
    public void applyAll(List<RecordedEvent> events, ReadModelTables tables) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + tables.of("tenant_audit_log")
                    + " (tenant_id, global_position, occurred_at, actor, command_id, action, subject_type, subject_id,"
                    + " outcome, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as varchar(500)))")) {
                int rows = 0;
                for (RecordedEvent e : events) {
                    if (CLOSING_EVENT.equals(e.eventType())) {
                        // The tenant's audit log was erased with the rest of its data; nobody is left to read it.
                        continue;
                    }
                    boolean refused = CommandRefused.TYPE.equals(e.aggregateType());
                    String action = e.eventType();
                    String detail = null;
                    if (refused) {
                        CommandRefused r = e.payloadAs(CommandRefused.class);
                        action = r.command();
                        detail = r.reason() + (r.field() == null ? "" : " (" + r.field() + ")")
                                + (r.detail() == null ? "" : ": " + r.detail());
                    }
                    insert.setObject(1, e.tenantId());
                    insert.setLong(2, e.position());
                    insert.setObject(3, e.occurredAt().atOffset(ZoneOffset.UTC));
                    insert.setString(4, e.actor());
                    insert.setObject(5, e.commandId());
                    insert.setString(6, action);
                    insert.setString(7, e.aggregateType());
                    insert.setObject(8, e.aggregateId());
                    insert.setString(9, refused ? "refused" : "accepted");
                    insert.setString(10, detail);
                    insert.addBatch();
                    rows++;
                }
                if (rows > 0) {
                    insert.executeBatch();
                }
            }
        });
    }
}
