package io.tandem.tenancy.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tenancy.contract.MemberJoined;
import io.tandem.tenancy.contract.MemberRoleChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;

/** The {@code tenant_member_list} read model: a tenant's active members with their roles. */
@ApplicationScoped
public class MemberListProjection implements Projection {
    public static final String NAME = "member-list";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Member");
    }

    @Override
    public List<String> tables() {
        return List.of("tenant_member_list");
    }

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        String table = tables.of("tenant_member_list");
        switch (e.eventType()) {
            case "MemberJoined" -> {
                MemberJoined joined = e.payloadAs(MemberJoined.class);
                // A member removed earlier may join again: their old row is gone, so this inserts.
                em.createNativeQuery("insert into " + table + " (tenant_id, member_id, email, role, joined_at, version,"
                                + " global_position) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                        .setParameter(1, e.tenantId())
                        .setParameter(2, joined.memberId())
                        .setParameter(3, joined.email())
                        .setParameter(4, joined.role().wire())
                        .setParameter(5, e.occurredAt())
                        .setParameter(6, e.aggregateVersion())
                        .setParameter(7, e.position())
                        .executeUpdate();
            }
            case "MemberRoleChanged" -> {
                MemberRoleChanged changed = e.payloadAs(MemberRoleChanged.class);
                em.createNativeQuery("update " + table + " set role = ?1, version = ?2, global_position = ?3"
                                + " where tenant_id = ?4 and member_id = ?5")
                        .setParameter(1, changed.role().wire())
                        .setParameter(2, e.aggregateVersion())
                        .setParameter(3, e.position())
                        .setParameter(4, e.tenantId())
                        .setParameter(5, changed.memberId())
                        .executeUpdate();
            }
            case "MemberRemoved" -> em.createNativeQuery("delete from " + table + " where tenant_id = ?1 and member_id = ?2")
                    .setParameter(1, e.tenantId())
                    .setParameter(2, e.aggregateId())
                    .executeUpdate();
            default -> {
                // no change
            }
        }
    }
}
