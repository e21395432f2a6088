package io.tandem.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (projection names) a query answers from. A request to it may carry
 * {@code Tandem-Min-Position}; {@link MinPositionFilter} then holds it until all of them have
 * applied the tenant's events up to that position.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadsFrom {
    String[] value();
}
