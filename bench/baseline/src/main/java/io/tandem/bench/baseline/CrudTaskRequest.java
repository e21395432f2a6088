package io.tandem.bench.baseline;

/** The body of a B3 create, the same fields as Tandem's CreateTaskRequest. */
public record CrudTaskRequest(String title, String description, String priority) {}
