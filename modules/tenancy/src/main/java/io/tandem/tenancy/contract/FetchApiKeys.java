package io.tandem.tenancy.contract;

/** The caller's tenant's API keys, newest first. */
public record FetchApiKeys(int offset, int limit) {}
