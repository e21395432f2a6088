package io.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeded data the scenarios pick from, written by suite.sh as tab-separated lines:
 * {@code project <tenantId> <apiKey> <projectId>} and {@code task <tenantId> <apiKey> <taskId>}.
 */
record Seed(List<Item> projects, List<Item> tasks, List<Item> tenants) {

    /** A tenant (its id and API key) and one of its projects or tasks. */
    record Item(String tenantId, String apiKey, String id) {}

    static Seed load(Path file) throws IOException {
        List<Item> projects = new ArrayList<>();
        List<Item> tasks = new ArrayList<>();
        List<Item> tenants = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length < 4) {
                continue;
            }
            Item item = new Item(f[1], f[2], f[3]);
            switch (f[0]) {
                case "project" -> projects.add(item);
                case "task" -> tasks.add(item);
                default -> throw new IllegalArgumentException("unknown seed line: " + line);
            }
            if (seen.add(f[1])) {
                tenants.add(item);
            }
        }
        if (projects.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no projects");
        }
        return new Seed(List.copyOf(projects), List.copyOf(tasks), List.copyOf(tenants));
    }
}
