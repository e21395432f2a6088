package io.tandem.api.tracker;

import io.tandem.tracker.contract.ProjectView;
import java.util.List;

public record ProjectPage(List<ProjectView> items, int offset, int limit) {}
