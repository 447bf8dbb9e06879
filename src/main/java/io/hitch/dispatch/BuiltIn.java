package io.hitch.dispatch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route bean as Hitch's own. With no table, it is one of the protocol's built-in routes on
 * the application endpoint: it may, and must, use the reserved {@code hitch.} prefix, and it is not
 * announced in the welcome. With a table name, it belongs to that separate route table (the
 * manager's endpoint) and is not reachable from the application endpoint at all. Internal to Hitch.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BuiltIn {

    /** @return the route table the route belongs to; empty for the application endpoint's */
    String table() default "";
}
