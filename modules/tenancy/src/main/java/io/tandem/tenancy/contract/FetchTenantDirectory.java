package io.tandem.tenancy.contract;

/** Platform operator: every tenant, oldest first. */
public record FetchTenantDirectory(int offset, int limit) {}
