package io.tandem.tenancy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.rejection.Forbidden;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.tenancy.contract.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules on members, keys and invitations that do not need the database. */
class MembershipRulesTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final UUID TENANT = UUID.randomUUID();

    private static Member member(Role role) {
        return new Member(UUID.randomUUID(), TENANT, "m@example.test", role, NOW);
    }

    @Test
    void onlyAnOwnerMakesChangesOrRemovesAnOwner() {
        assertThatThrownBy(() -> Members.requireMayTouch(Role.ADMIN, member(Role.OWNER), Role.MEMBER))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> Members.requireMayTouch(Role.ADMIN, member(Role.MEMBER), Role.OWNER))
                .isInstanceOf(Forbidden.class);
        assertThatCode(() -> Members.requireMayTouch(Role.ADMIN, member(Role.MEMBER), Role.VIEWER)).doesNotThrowAnyException();
        assertThatCode(() -> Members.requireMayTouch(Role.OWNER, member(Role.OWNER), Role.ADMIN)).doesNotThrowAnyException();
    }

    @Test
    void aMembersFirstKeyFollowsTheirRoleAndAnIssuedKeyIsCappedByIt() {
        UUID memberId = UUID.randomUUID();
        ApiKey first = ApiKey.firstOf(UUID.randomUUID(), TENANT, memberId, "sign-up", "abcdefghij", "h", Role.ADMIN, NOW);
        ApiKey issued = new ApiKey(UUID.randomUUID(), TENANT, memberId, "ci", "bcdefghijk", "h", "hmac-sha256",
                Role.MEMBER, null, NOW);
        assertThat(first.effectiveRole(Role.OWNER)).isEqualTo(Role.OWNER);
        assertThat(first.effectiveRole(Role.VIEWER)).isEqualTo(Role.VIEWER);
        assertThat(issued.effectiveRole(Role.OWNER)).isEqualTo(Role.MEMBER);
        assertThat(issued.effectiveRole(Role.VIEWER)).isEqualTo(Role.VIEWER);
    }

    @Test
    void aKeyWorksUntilItExpiresOrIsRevokedAndRevokingTwiceChangesNothing() {
        ApiKey key = new ApiKey(UUID.randomUUID(), TENANT, UUID.randomUUID(), "short", "cdefghijkl", "h", "hmac-sha256",
                Role.MEMBER, NOW.plus(Duration.ofHours(1)), NOW);
        assertThat(key.usableAt(NOW)).isTrue();
        assertThat(key.usableAt(NOW.plus(Duration.ofHours(1)))).isFalse();
        assertThat(key.revoke(NOW)).isEqualTo(2L);
        assertThat(key.usableAt(NOW)).isFalse();
        assertThat(key.revoke(NOW)).isNull();
        assertThat(key.version()).isEqualTo(2);
    }

    @Test
    void anInvitationIsAcceptedOnceAndNotAfterItExpires() {
        Invitation invitation = new Invitation(UUID.randomUUID(), TENANT, "i@example.test", Role.VIEWER, "h",
                NOW.plus(Duration.ofDays(7)), NOW);
        assertThat(invitation.accept(UUID.randomUUID(), NOW.plus(Duration.ofDays(1)))).isEqualTo(2);
        assertThatThrownBy(() -> invitation.accept(UUID.randomUUID(), NOW.plus(Duration.ofDays(2))))
                .isInstanceOf(RuleViolated.class).hasMessageContaining("used");
        Invitation late = new Invitation(UUID.randomUUID(), TENANT, "j@example.test", Role.VIEWER, "h",
                NOW.plus(Duration.ofDays(7)), NOW);
        assertThatThrownBy(() -> late.accept(UUID.randomUUID(), NOW.plus(Duration.ofDays(7))))
                .isInstanceOf(RuleViolated.class).hasMessageContaining("expired");
    }

    @Test
    void aRemovedMemberRejoinsWithTheInvitedRole() {
        Member m = member(Role.ADMIN);
        m.remove(NOW);
        assertThat(m.active()).isFalse();
        m.rejoin(Role.VIEWER);
        assertThat(m.active()).isTrue();
        assertThat(m.role()).isEqualTo(Role.VIEWER);
        assertThat(m.version()).isEqualTo(3);
    }
}
