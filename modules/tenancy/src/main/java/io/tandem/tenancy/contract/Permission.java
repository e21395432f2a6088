package io.tandem.tenancy.contract;

import java.util.EnumSet;
import java.util.Set;

/**
 * The role matrix: every operation of the API names one permission, and this table alone says who
 * holds it. Columns: the four tenant roles, then the platform operator (who belongs to no tenant).
 * Rules that depend on the target, not only on the caller (an admin cannot touch an owner, a
 * tenant keeps one owner), are domain rules in the handlers, not columns here.
 */
public enum Permission {
    //                          owner  admin  member viewer operator
    READ_TENANT(                true,  true,  true,  true,  false),
    RENAME_TENANT(              true,  true,  false, false, false),
    EXPORT_AND_CLOSE_TENANT(    true,  false, false, false, false),
    READ_WORK(                  true,  true,  true,  true,  false),
    WRITE_WORK(                 true,  true,  true,  false, false),
    READ_MEMBERS(               true,  true,  true,  true,  false),
    MANAGE_MEMBERS(             true,  true,  false, false, false),
    MANAGE_API_KEYS(            true,  true,  false, false, false),
    READ_AUDIT_LOG(             true,  true,  false, false, false),
    READ_EVENTS(                true,  true,  false, false, false),
    OPERATE_PROJECTIONS(        true,  true,  false, false, true),
    OPERATE_PLATFORM(           false, false, false, false, true);

    private final Set<Role> roles;
    private final boolean operator;

    Permission(boolean owner, boolean admin, boolean member, boolean viewer, boolean operator) {
        this.roles = EnumSet.noneOf(Role.class);
        if (owner) roles.add(Role.OWNER);
        if (admin) roles.add(Role.ADMIN);
        if (member) roles.add(Role.MEMBER);
        if (viewer) roles.add(Role.VIEWER);
        this.operator = operator;
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }

    public boolean grantedToOperator() {
        return operator;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }
}
