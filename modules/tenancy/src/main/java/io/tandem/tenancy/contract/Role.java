package io.tandem.tenancy.contract;

import java.util.Locale;

/** What a member, or an API key acting as one, may do in its tenant. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
