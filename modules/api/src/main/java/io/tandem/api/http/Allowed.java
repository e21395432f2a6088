package io.tandem.api.http;

import io.tandem.tenancy.contract.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a resource method needs; who holds it is the role matrix ({@link Permission}).
 * Every resource method carries this or {@link Anonymous}; a test fails the build otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {
    Permission value();
}
