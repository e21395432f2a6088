package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/** Remove a member and revoke their keys. Only an owner removes an owner; the last owner stays. */
public record RemoveMember(CommandContext context, UUID memberId, Role removerRole) implements Command {}
