package io.tandem.api.tenancy;

import io.tandem.tenancy.contract.MemberView;
import java.util.List;

public record MemberPage(List<MemberView> items, int offset, int limit) {}
