package io.tandem.kernel.schema;

/**
 * For tests that drive a PostgreSQL-only path with a stand-in connection: {@link Databases} asks
 * the first connection it sees and remembers the answer for the JVM, which in a test run may have
 * been an H2 one.
 */
public final class DatabaseKind {
    private DatabaseKind() {}

    /** Makes {@link Databases} answer PostgreSQL until closed, then puts back what it knew before. */
    public static AutoCloseable pretendPostgres() {
        Boolean before = Databases.postgres;
        Databases.postgres = Boolean.TRUE;
        return () -> Databases.postgres = before;
    }
}
