package io.hitch.dispatch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route bean as one of the protocol's built-in routes: it may, and must, use the reserved
 * {@code hitch.} prefix, and it is not announced in the welcome. Internal to Hitch.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BuiltIn {
}
