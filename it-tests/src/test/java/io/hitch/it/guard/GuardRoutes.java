package io.hitch.it.guard;

/** The classes of this package's test routes and beans, for deployments. */
public final class GuardRoutes {

    private GuardRoutes() {
    }

    /** @return the routes with access rules, and the counter they share */
    public static Class<?>[] access() {
        return new Class<?>[] {Invocations.class, Denied.class, Open.class, Plain.class, MethodPermits.class,
            MethodRestricts.class, Count.class};
    }
}
