package io.tandem.kernel.publication;

import io.tandem.kernel.event.LostCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Test-only, behind the fault point {@code published-then-lost}: publishes a command's event before
 * its transaction rolls back, as the relay had published events a crashed database then lost. The
 * publisher's JMS session is not enlisted in the command's transaction, so the message stays.
 */
@ApplicationScoped
public class LostCommitPublisher {
    @Inject
    EventPublisher publisher;

    void publish(@Observes LostCommit lost) {
        try {
            publisher.publish(List.of(lost.event()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the event of a lost commit", e);
        }
    }
}
