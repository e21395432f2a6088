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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
        if (CLOSING_EVENT.equals(e.eventType())) {
            // The tenant's audit log was erased with the rest of its data; nobody is left to read it.
            return;
        }
        boolean refused = CommandRefused.TYPE.equals(e.aggregateType());
        String action = e.eventType();
        String detail = null;
        if (refused) {
            CommandRefused r = e.payloadAs(CommandRefused.class);
            action = r.command();
            detail = r.reason() + (r.field() == null ? "" : " (" + r.field() + ")") + (r.detail() == null ? "" : ": " + r.detail());
        }
        em.createNativeQuery("insert into " + tables.of("tenant_audit_log") + " (tenant_id, global_position, occurred_at,"
                        + " actor, command_id, action, subject_type, subject_id, outcome, detail)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, cast(?10 as varchar(500)))")
                .setParameter(1, e.tenantId())
                .setParameter(2, e.position())
                .setParameter(3, e.occurredAt())
                .setParameter(4, e.actor())
                .setParameter(5, e.commandId())
                .setParameter(6, action)
                .setParameter(7, e.aggregateType())
                .setParameter(8, e.aggregateId())
                .setParameter(9, refused ? "refused" : "accepted")
                .setParameter(10, detail)
                .executeUpdate();
    }
}
