/**
 * The tenancy context: organisations, their members and roles, and the API keys they act with.
 *
 * <p>It owns {@code tenancy_tenant}, {@code tenancy_member} and {@code tenancy_api_key} (write
 * model; the API key table is also the credential store, read on every request by
 * {@code credentials.ApiKeyAuthenticator}) and the {@code tenant_directory} read model. It publishes
 * {@code TenantSignedUp}, {@code MemberJoined} and {@code ApiKeyIssued}.
 */
package io.tandem.tenancy;
