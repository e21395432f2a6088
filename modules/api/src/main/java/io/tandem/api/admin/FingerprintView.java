package io.tandem.api.admin;

/** A hash over every column of every row the tenant has in a projection's read model. */
public record FingerprintView(String projector, long rows, String sha256) {}
