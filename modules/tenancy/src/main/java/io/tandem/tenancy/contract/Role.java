package io.tandem.tenancy.contract;

import java.util.Locale;
import java.util.Optional;

/** What a member, or an API key acting as one, may do in its tenant. Declared from most to least power. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String wire) {
        for (Role r : values()) {
            if (r.wire().equals(wire)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether this role can do everything {@code other} can (a key or invitation never exceeds its issuer). */
    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** The weaker of two roles: a key acts with its own role, capped by its member's current role. */
    public Role cappedBy(Role other) {
        return includes(other) ? other : this;
    }
}
