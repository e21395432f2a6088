package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.tenancy.contract.ApiKeyRevoked;
import io.tandem.tenancy.contract.RevokeApiKey;
import io.tandem.tenancy.credentials.CredentialsChanged;
import io.tandem.tenancy.domain.ApiKey;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@Stateless
public class RevokeApiKeyHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    public void handle(@Observes RevokeApiKey cmd) {
        ApiKey key = em.createQuery("select k from ApiKey k where k.id = :id", ApiKey.class)
                .setParameter("id", cmd.apiKeyId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("apiKeyId", "API key", cmd.apiKeyId()));
        Long version = key.revoke(Instant.now());
        if (version == null) {
            throw new RuleViolated("apiKeyId", "the key is already revoked");
        }
        eventLog.record(cmd.context(), ApiKey.TYPE, key.id(), version, new ApiKeyRevoked(key.id(), key.memberId()));
        credentialsChanged.fire(new CredentialsChanged(cmd.context().tenantId()));
    }
}
