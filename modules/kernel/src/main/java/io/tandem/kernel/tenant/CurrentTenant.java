package io.tandem.kernel.tenant;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant the current thread works for. Bound by whoever learned it from a trusted source (the
 * authentication filter from the principal, the command executor from the command's context, the
 * projection applier from the event row), read by Hibernate through {@link TenantIdentifierResolver}
 * so that every query on a tenant-owned entity is restricted to it without the code asking.
 *
 * <p>Unbound means "nobody": queries then match no tenant-owned row at all. Work that must see
 * every tenant (authentication by key prefix, the operator's directory) says so explicitly with
 * {@link #asPlatform(Supplier)}.
 */
public final class CurrentTenant {
    /** The root identifier: no tenant restriction. Never a real tenant's id (version-4 UUIDs are not nil). */
    public static final UUID PLATFORM = new UUID(0L, 0L);

    /** Stands for "no tenant bound": matches no row, so a forgotten binding fails closed. */
    static final UUID NOBODY = new UUID(-1L, -1L);

    private static final ThreadLocal<UUID> BOUND = new ThreadLocal<>();

    private CurrentTenant() {}

    /** Binds the thread to a tenant until {@link #clear()}; for request-long bindings. */
    public static void bind(UUID tenantId) {
        BOUND.set(Objects.requireNonNull(tenantId, "tenantId"));
    }

    public static void clear() {
        BOUND.remove();
    }

    /** The bound tenant, {@link #PLATFORM} in platform work, or null when nothing is bound. */
    public static UUID get() {
        return BOUND.get();
    }

    /** Runs {@code work} for {@code tenantId}, restoring whatever was bound before. */
    public static <T> T as(UUID tenantId, Supplier<T> work) {
        UUID previous = BOUND.get();
        BOUND.set(Objects.requireNonNull(tenantId, "tenantId"));
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void run(UUID tenantId, Runnable work) {
        as(tenantId, () -> {
            work.run();
            return null;
        });
    }

    /** Runs platform work that must see every tenant's rows. */
    public static <T> T asPlatform(Supplier<T> work) {
        return as(PLATFORM, work);
    }

    private static void restore(UUID previous) {
        if (previous == null) {
            BOUND.remove();
        } else {
            BOUND.set(previous);
        }
    }
}
