package io.tandem.kernel.projection;

/**
 * Which copy of its read-model tables a projection writes: the live tables, or their
 * {@code _rebuild} twins that a rebuild fills before it swaps them in.
 */
public record ReadModelTables(String suffix) {
    public static final ReadModelTables LIVE = new ReadModelTables("");
    public static final ReadModelTables REBUILD = new ReadModelTables("_rebuild");

    public String of(String table) {
        return table + suffix;
    }
}
