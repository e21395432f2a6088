package io.tandem.tenancy.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tenancy.contract.ApiKeyIssued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;

/** The {@code tenant_api_key_list} read model: every key of a tenant, revoked ones included. */
@ApplicationScoped
public class ApiKeyListProjection implements Projection {
    public static final String NAME = "api-key-list";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("ApiKey");
    }

    @Override
    public List<String> tables() {
        return List.of("tenant_api_key_list");
    }

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        String table = tables.of("tenant_api_key_list");
        switch (e.eventType()) {
            case "ApiKeyIssued" -> {
                ApiKeyIssued issued = e.payloadAs(ApiKeyIssued.class);
                em.createNativeQuery("insert into " + table + " (tenant_id, api_key_id, member_id, prefix, name, role,"
                                + " created_at, expires_at, revoked_at, version, global_position)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as timestamp with time zone), null, ?9, ?10)")
                        .setParameter(1, e.tenantId())
                        .setParameter(2, issued.apiKeyId())
                        .setParameter(3, issued.memberId())
                        .setParameter(4, issued.prefix())
                        .setParameter(5, issued.name())
                        .setParameter(6, issued.role().wire())
                        .setParameter(7, e.occurredAt())
                        .setParameter(8, issued.expiresAt())
                        .setParameter(9, e.aggregateVersion())
                        .setParameter(10, e.position())
                        .executeUpdate();
            }
            case "ApiKeyRevoked" -> em.createNativeQuery("update " + table + " set revoked_at = ?1, version = ?2,"
                            + " global_position = ?3 where tenant_id = ?4 and api_key_id = ?5")
                    .setParameter(1, e.occurredAt())
                    .setParameter(2, e.aggregateVersion())
                    .setParameter(3, e.position())
                    .setParameter(4, e.tenantId())
                    .setParameter(5, e.aggregateId())
                    .executeUpdate();
            default -> {
                // no change
            }
        }
    }
}
