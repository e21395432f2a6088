package io.tandem.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (projection names) a query answers from. A request to it may carry
 * {@code Tandem-Min-Position}; {@link MinPositionFilter} then holds it until all of them have
 * applied the tenant's events up to that position. Its answers carry an {@code ETag} and may come
 * from the query cache ({@link io.tandem.api.queries.ConditionalQueryFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadsFrom {
    String[] value();

    /**
     * Whether the query reads the rows of all tenants (the operator's directory): its version is
     * then the projections' across tenants, and it takes no {@code Tandem-Min-Position}.
     */
    boolean allTenants() default false;

    /**
     * Whether the query reads one row by its id. Its answers are cached apart from lists and boards:
     * clients read each such row seldom, and in one cache bounded by entries they pushed the boards
     * out (at 1M tasks, 5,000 task details took the board's hit ratio down to 0.34).
     */
    boolean oneRow() default false;
}
