/**
 * The CQRS kernel every bounded context builds on.
 *
 * <p>It owns the command context (who asks, for which tenant, with which correlation), the event
 * log (the only source of truth for what happened), publication of committed events to JMS through
 * a transactional outbox, per-aggregate projection checkpoints (so a redelivered or reordered event
 * is never applied twice or out of order), and the domain rejections that the REST layer turns into
 * RFC 9457 problems. It publishes nothing of its own: contexts publish their events through it.
 */
package io.tandem.kernel;
