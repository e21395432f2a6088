package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.rejection.RuleViolated;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds of one projection share its twin tables, and a platform-wide one empties all of them:
 * while one runs, no other whose scope overlaps it may start (tenants' rebuilds do not overlap).
 */
class ProjectionRebuildsTest {
    private static final Projection BOARD = projection("task-board");
    private static final Projection LIST = projection("project-list");
    private static final TenantScope TENANT_A = TenantScope.of(UUID.randomUUID());
    private static final TenantScope TENANT_B = TenantScope.of(UUID.randomUUID());

    private final List<Runnable> submitted = new ArrayList<>();
    private ProjectionRebuilds rebuilds;

    @BeforeEach
    void setUp() {
        rebuilds = new ProjectionRebuilds();
        // Submitted rebuilds never run here, so they stay running until the test ends them.
        rebuilds.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("submit")) {
                        submitted.add((Runnable) args[0]);
                    }
                    return null;
                });
        rebuilds.twins = new ReadModelTwins() {
            @Override
            public List<String> columns(String table) {
                return List.of("tenant_id");
            }
        };
    }

    @Test
    void aTenantsRebuildWaitsForThePlatformWideOneAndTheOtherWayRound() {
        Rebuild all = rebuilds.start(BOARD, TenantScope.ALL, "operator");
        assertThatThrownBy(() -> rebuilds.start(BOARD, TENANT_A, "admin")).isInstanceOf(RuleViolated.class);
        all.failed("ended by the test");
        Rebuild a = rebuilds.start(BOARD, TENANT_A, "admin");
        assertThat(a.running()).isTrue();
        assertThatThrownBy(() -> rebuilds.start(BOARD, TenantScope.ALL, "operator")).isInstanceOf(RuleViolated.class);
        assertThatThrownBy(() -> rebuilds.start(BOARD, TENANT_A, "admin")).isInstanceOf(RuleViolated.class);
    }

    @Test
    void tenantsAndOtherProjectionsDoNotOverlap() {
        rebuilds.start(BOARD, TENANT_A, "admin");
        rebuilds.start(BOARD, TENANT_B, "admin");
        rebuilds.start(LIST, TenantScope.ALL, "operator");
        assertThat(submitted).hasSize(3);
        assertThat(rebuilds.latest("task-board", TENANT_B)).hasValueSatisfying(r -> assertThat(r.running()).isTrue());
    }

    @Test
    void aFinishedRebuildDoesNotHoldTheNextBack() {
        rebuilds.start(BOARD, TenantScope.ALL, "operator").finished(0);
        assertThat(rebuilds.start(BOARD, TENANT_A, "admin").running()).isTrue();
    }

    /** The rebuilds here do not run: nothing is applied to it. */
    private static Projection projection(String name) {
        return ApplierFixture.recording(name, "Task", "t", new ArrayList<>());
    }
}
