/**
 * The REST API of Tandem (the WAR): JAX-RS resources under {@code /api}, one package per bounded
 * context, plus what every request passes through: API-key authentication, strict JSON request
 * bodies, RFC 9457 problems, and the OpenAPI description. It is also the composition root that
 * migrates the schema and starts the outbox relay at deployment.
 *
 * <p>Resources turn HTTP into commands (fired as CDI events to the contexts' handlers) and queries
 * (answered from read models); they hold no business rules.
 */
package io.tandem.api;
