package io.tandem.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Resources the platform operator may call (with the operator key, across all tenants). Every
 * other resource refuses the operator key: it belongs to no tenant.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OperatorAccess {}
