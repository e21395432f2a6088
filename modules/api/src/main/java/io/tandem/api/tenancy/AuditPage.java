package io.tandem.api.tenancy;

import io.tandem.tenancy.contract.AuditEntryView;
import java.util.List;

/** A page of the audit log, newest first; {@code next} is the {@code before} of the following page (0: none). */
public record AuditPage(List<AuditEntryView> items, long next) {}
