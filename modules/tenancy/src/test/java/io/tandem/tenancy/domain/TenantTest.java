package io.tandem.tenancy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.rejection.RuleViolated;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantTest {
    private final Tenant tenant = new Tenant(UUID.randomUUID(), "Acme", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void startsActiveOnTheStandardPlanAndCountsItsVersions() {
        assertThat(tenant.active()).isTrue();
        assertThat(tenant.plan()).isEqualTo("standard");
        assertThat(tenant.rename("Acme Ltd")).isEqualTo(2);
        assertThat(tenant.changePlan("trial")).isEqualTo(3);
        assertThat(tenant.name()).isEqualTo("Acme Ltd");
    }

    @Test
    void suspendsAndReactivatesOnlyFromTheOtherState() {
        assertThatThrownBy(tenant::reactivate).isInstanceOf(RuleViolated.class);
        tenant.suspend();
        assertThat(tenant.active()).isFalse();
        assertThatThrownBy(tenant::suspend).isInstanceOf(RuleViolated.class);
        tenant.reactivate();
        assertThat(tenant.active()).isTrue();
    }

    @Test
    void closesOnlyWithItsExactNameAndThenRefusesEverything() {
        assertThatThrownBy(() -> tenant.close("acme")).isInstanceOf(RuleViolated.class)
                .extracting(e -> ((RuleViolated) e).field()).isEqualTo("confirmName");
        assertThat(tenant.active()).isTrue();
        tenant.close("Acme");
        assertThat(tenant.status()).isEqualTo(Tenant.CLOSED);
        assertThat(tenant.name()).doesNotContain("Acme");
        assertThatThrownBy(() -> tenant.rename("Back")).isInstanceOf(RuleViolated.class);
        assertThatThrownBy(tenant::suspend).isInstanceOf(RuleViolated.class);
        assertThatThrownBy(() -> tenant.changePlan("standard")).isInstanceOf(RuleViolated.class);
        assertThatThrownBy(() -> tenant.close("closed tenant")).isInstanceOf(RuleViolated.class);
    }
}
