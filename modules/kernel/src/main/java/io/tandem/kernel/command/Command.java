package io.tandem.kernel.command;

/** A request to change state, fired as a CDI event and handled by exactly one transactional handler. */
public interface Command {
    CommandContext context();
}
