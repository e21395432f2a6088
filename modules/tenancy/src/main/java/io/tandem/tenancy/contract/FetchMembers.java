package io.tandem.tenancy.contract;

/** The caller's tenant's members; the tenant is the one bound to the request, never a parameter. */
public record FetchMembers(int offset, int limit) {}
