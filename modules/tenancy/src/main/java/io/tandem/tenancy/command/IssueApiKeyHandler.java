package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.rejection.Forbidden;
import io.tandem.tenancy.contract.ApiKeyIssued;
import io.tandem.tenancy.contract.IssueApiKey;
import io.tandem.tenancy.credentials.ApiKeySecret;
import io.tandem.tenancy.domain.ApiKey;
import io.tandem.tenancy.domain.Member;
import io.tandem.tenancy.domain.Members;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@Stateless
public class IssueApiKeyHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes IssueApiKey cmd) {
        var tenant = Members.lockTenant(em, cmd.context().tenantId());
        Member member = Members.active(em, cmd.memberId());
        if (!cmd.issuerRole().includes(cmd.role()) || !member.role().includes(cmd.role())) {
            throw new Forbidden("role", "a key cannot have more power than the member it acts as or its issuer");
        }
        em.persist(new ApiKey(cmd.apiKeyId(), tenant.id(), member.id(), cmd.name(), cmd.keyPrefix(), cmd.keyHash(),
                ApiKeySecret.HMAC, cmd.role(), cmd.expiresAt(), Instant.now()));
        eventLog.record(cmd.context(), ApiKey.TYPE, cmd.apiKeyId(), 1,
                new ApiKeyIssued(cmd.apiKeyId(), member.id(), cmd.keyPrefix(), cmd.role(), cmd.name(), cmd.expiresAt()));
    }
}
