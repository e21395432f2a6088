package io.tandem.tenancy.contract;

/** The caller's tenant's audit log, newest first, from before {@code beforePosition} (0: from the newest). */
public record FetchAuditLog(long beforePosition, int limit) {}
