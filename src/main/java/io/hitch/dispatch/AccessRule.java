package io.hitch.dispatch;

import io.hitch.api.Peer;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call a route, from {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on the
 * route bean's {@code handle} method or class (the method wins), resolved once at deployment.
 *
 * @param kind  the kind of rule
 * @param roles the roles of a {@link Kind#ROLES} rule, any one of which admits the caller
 */
public record AccessRule(Kind kind, Set<String> roles) {

    /** The kinds of rule. */
    public enum Kind {
        /** No annotation: anyone, or authenticated callers when authentication is required. */
        DEFAULT,
        /** {@code @PermitAll}: anyone, even when authentication is required. */
        PERMIT_ALL,
        /** {@code @DenyAll}: no one. */
        DENY_ALL,
        /** {@code @RolesAllowed}: authenticated callers in one of the roles. */
        ROLES
    }

    /** The rule of a route without annotations. */
    public static final AccessRule DEFAULT = new AccessRule(Kind.DEFAULT, Set.of());

    public AccessRule {
        roles = Set.copyOf(new TreeSet<>(roles));
    }

    /**
     * @param beanClass the route bean's class
     * @return its rule
     */
    public static AccessRule of(Class<?> beanClass) {
        for (Method method : beanClass.getMethods()) {
            if (method.getName().equals("handle") && method.getParameterCount() == 2 && !method.isBridge()) {
                AccessRule rule = fromAnnotations(method.getAnnotation(DenyAll.class) != null,
                        method.getAnnotation(PermitAll.class) != null, method.getAnnotation(RolesAllowed.class));
                if (rule != null) {
                    return rule;
                }
            }
        }
        AccessRule rule = fromAnnotations(beanClass.isAnnotationPresent(DenyAll.class),
                beanClass.isAnnotationPresent(PermitAll.class), beanClass.getAnnotation(RolesAllowed.class));
        return rule == null ? DEFAULT : rule;
    }

    private static AccessRule fromAnnotations(boolean deny, boolean permit, RolesAllowed roles) {
        if (deny) {
            return new AccessRule(Kind.DENY_ALL, Set.of());
        }
        if (roles != null) {
            return new AccessRule(Kind.ROLES, Set.of(roles.value()));
        }
        return permit ? new AccessRule(Kind.PERMIT_ALL, Set.of()) : null;
    }

    /**
     * @param caller                the calling peer
     * @param requireAuthentication whether unannotated routes need an authenticated caller
     * @return whether the caller may call
     */
    public boolean admits(Peer caller, boolean requireAuthentication) {
        return switch (kind) {
            case PERMIT_ALL -> true;
            case DENY_ALL -> false;
            case DEFAULT -> !requireAuthentication || caller.principal().isPresent();
            case ROLES -> caller.principal().isPresent() && roles.stream().anyMatch(caller::isUserInRole);
        };
    }

    /** @return the rule as the start-up log shows it */
    public String describe(boolean requireAuthentication) {
        return switch (kind) {
            case PERMIT_ALL -> "anyone (@PermitAll)";
            case DENY_ALL -> "no one (@DenyAll)";
            case DEFAULT -> requireAuthentication ? "authenticated" : "anyone";
            case ROLES -> "roles " + String.join(", ", roles);
        };
    }
}
