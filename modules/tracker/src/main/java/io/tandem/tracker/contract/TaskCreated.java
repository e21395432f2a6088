package io.tandem.tracker.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/**
 * A task was added to a project. Statuses and priorities travel in their wire form ({@code todo},
 * {@code normal}), as the API shows them.
 *
 * <p>Schema 2 added {@code priority}; {@link TaskCreatedV1ToV2} reads schema 1 events as priority
 * {@code normal}, which every task had before priorities existed.
 */
public record TaskCreated(UUID taskId, UUID projectId, String title, String description, String status, String priority)
        implements DomainEvent {
    @Override
    public int schemaVersion() {
        return 2;
    }
}
