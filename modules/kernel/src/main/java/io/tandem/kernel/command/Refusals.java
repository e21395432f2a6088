package io.tandem.kernel.command;

import io.tandem.kernel.event.EventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Records refused commands in the event log, in a transaction of their own. */
@ApplicationScoped
public class Refusals {
    private static final int DETAIL_LIMIT = 400;

    @Inject
    EventLog eventLog;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(CommandContext ctx, String command, String reason, String field, String detail) {
        String shortDetail = detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
        // A fresh context: the refused command's own receipt slot must stay empty.
        CommandContext audit = new CommandContext(ctx.tenantId(), ctx.actor(), ctx.commandId(), ctx.correlationId(),
                java.util.Set.of());
        eventLog.record(audit, CommandRefused.TYPE, ctx.commandId(), 1, new CommandRefused(command, reason, field, shortDetail));
    }
}
