package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/** Give a member another role. Only an owner makes or unmakes owners; a tenant keeps at least one owner. */
public record ChangeMemberRole(CommandContext context, UUID memberId, Role role, Role changerRole) implements Command {}
