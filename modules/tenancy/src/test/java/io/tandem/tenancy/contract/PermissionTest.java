package io.tandem.tenancy.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PermissionTest {
    private static Set<Permission> heldBy(Role role) {
        return Arrays.stream(Permission.values()).filter(p -> p.grantedTo(role)).collect(Collectors.toSet());
    }

    @Test
    void aViewerOnlyReads() {
        assertThat(heldBy(Role.VIEWER)).containsExactlyInAnyOrder(
                Permission.READ_TENANT, Permission.READ_WORK, Permission.READ_MEMBERS);
    }

    @Test
    void aMemberAlsoWritesWorkButManagesNothing() {
        assertThat(heldBy(Role.MEMBER)).containsExactlyInAnyOrder(
                Permission.READ_TENANT, Permission.READ_WORK, Permission.READ_MEMBERS, Permission.WRITE_WORK);
    }

    @Test
    void anAdminManagesMembersAndKeysButCannotCloseTheTenant() {
        assertThat(heldBy(Role.ADMIN)).contains(Permission.MANAGE_MEMBERS, Permission.MANAGE_API_KEYS,
                Permission.READ_AUDIT_LOG, Permission.OPERATE_PROJECTIONS, Permission.RENAME_TENANT);
        assertThat(heldBy(Role.ADMIN)).doesNotContain(Permission.EXPORT_AND_CLOSE_TENANT, Permission.OPERATE_PLATFORM);
    }

    @Test
    void eachRoleHoldsEverythingOfTheRolesBelowIt() {
        Role[] roles = Role.values();
        for (int i = 0; i + 1 < roles.length; i++) {
            assertThat(heldBy(roles[i])).as(roles[i] + " over " + roles[i + 1]).containsAll(heldBy(roles[i + 1]));
        }
    }

    @Test
    void noTenantRoleOperatesThePlatformAndTheOperatorTouchesNoTenantData() {
        for (Role role : Role.values()) {
            assertThat(Permission.OPERATE_PLATFORM.grantedTo(role)).isFalse();
        }
        Set<Permission> operator = Arrays.stream(Permission.values()).filter(Permission::grantedToOperator)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
        assertThat(operator).containsExactlyInAnyOrder(Permission.OPERATE_PLATFORM, Permission.OPERATE_PROJECTIONS);
    }

    @Test
    void rolesOrderFromOwnerDownAndAKeyIsCappedByItsMember() {
        assertThat(Role.OWNER.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.MEMBER)).isFalse();
        assertThat(Role.OWNER.cappedBy(Role.MEMBER)).isEqualTo(Role.MEMBER);
        assertThat(Role.VIEWER.cappedBy(Role.OWNER)).isEqualTo(Role.VIEWER);
        assertThat(Role.fromWire("admin")).contains(Role.ADMIN);
        assertThat(Role.fromWire("ADMIN")).isEmpty();
        assertThat(Role.fromWire(null)).isEmpty();
    }
}
