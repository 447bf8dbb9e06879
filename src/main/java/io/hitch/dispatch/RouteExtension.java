package io.hitch.dispatch;

import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import io.hitch.config.ConfigException;
import io.hitch.config.HitchConfigProducer;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Finds every bean qualified with {@link Route} while the container starts, and builds the route
 * table once. A duplicate or invalid route, a route bean that is no {@link RouteHandler}, or invalid
 * Hitch configuration fails the deployment with a message that says what to fix.
 */
public class RouteExtension implements Extension {

    private static final Logger LOG = Logger.getLogger("io.hitch");

    private final List<Bean<?>> routeBeans = new ArrayList<>();
    private RouteTable table;
    private final java.util.Map<String, RouteTable> tables = new java.util.TreeMap<>();

    <T> void collect(@Observes ProcessBean<T> event) {
        for (Annotation qualifier : event.getBean().getQualifiers()) {
            if (qualifier instanceof Route) {
                routeBeans.add(event.getBean());
            }
        }
    }

    void build(@Observes AfterDeploymentValidation event, BeanManager beans) {
        try {
            HitchConfigProducer.validate();
        } catch (ConfigException e) {
            event.addDeploymentProblem(e);
        }
        List<RouteEntry> entries = new ArrayList<>();
        List<RouteEntry> builtIns = new ArrayList<>();
        java.util.Map<String, List<RouteEntry>> others = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Bean<?> bean : routeBeans) {
            String name = routeName(bean);
            String source = describe(bean);
            try {
                RouteEntry entry = RouteEntry.of(name, reference(beans, bean), bean.getTypes(), source)
                        .withPolicies(bean.getBeanClass());
                BuiltIn builtIn = bean.getBeanClass().getAnnotation(BuiltIn.class);
                if (builtIn == null) {
                    entries.add(entry);
                } else if (builtIn.table().isEmpty()) {
                    builtIns.add(entry);
                } else {
                    others.computeIfAbsent(builtIn.table(), t -> new ArrayList<>()).add(entry);
                }
            } catch (RouteTableException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            if (!problems.isEmpty()) {
                throw new RouteTableException(String.join("\n", problems));
            }
            table = RouteTable.of(entries, builtIns);
            others.forEach((name, list) -> tables.put(name, RouteTable.of(list)));
            boolean requireAuthentication = requireAuthentication();
            LOG.info(() -> "Hitch routes (" + table.names().size() + "):" + table.entries().stream()
                    .map(e -> "\n  " + e.name() + " -> " + e.source() + " (" + e.inputType().getTypeName()
                            + " -> " + (e.async() ? "async " : "") + e.replyType().getTypeName() + "), callable by "
                            + e.access().describe(requireAuthentication)
                            + (e.rateLimit() == null ? "" : ", at most " + e.rateLimit().perSecond() + "/s"))
                    .collect(Collectors.joining()));
        } catch (RouteTableException e) {
            event.addDeploymentProblem(e);
        }
    }

    /** @return the route table, built when the deployment was validated */
    public RouteTable table() {
        if (table == null) {
            throw new IllegalStateException("the route table is built when the deployment is validated");
        }
        return table;
    }

    /**
     * @param name a table name given in {@code @BuiltIn(table = ...)}
     * @return that table; empty when no route belongs to it
     */
    public RouteTable table(String name) {
        table();
        return tables.getOrDefault(name, RouteTable.of(List.of()));
    }

    /** @return every role any route of any table names in {@code @RolesAllowed} */
    public java.util.Set<String> roles() {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        table().entries().forEach(e -> roles.addAll(e.access().roles()));
        tables.values().forEach(t -> t.entries().forEach(e -> roles.addAll(e.access().roles())));
        return roles;
    }

    private static boolean requireAuthentication() {
        try {
            return HitchConfigProducer.access().requireAuthentication();
        } catch (RuntimeException e) {
            return false; // reported as a deployment problem already
        }
    }

    private static RouteHandler<?, ?> reference(BeanManager beans, Bean<?> bean) {
        Type handlerType = bean.getTypes().stream()
                .filter(t -> t instanceof ParameterizedType p && p.getRawType() == RouteHandler.class)
                .findFirst()
                .orElseThrow(() -> new RouteTableException("Route '" + routeName(bean) + "' on " + describe(bean)
                        + " must implement RouteHandler<I, O>: add 'implements RouteHandler<Input, Output>'"));
        CreationalContext<?> context = beans.createCreationalContext(bean);
        return (RouteHandler<?, ?>) beans.getReference(bean, handlerType, context);
    }

    private static String routeName(Bean<?> bean) {
        return bean.getQualifiers().stream().filter(Route.class::isInstance).map(Route.class::cast)
                .findFirst().map(Route::value).orElseThrow();
    }

    private static String describe(Bean<?> bean) {
        return "bean " + bean.getBeanClass().getName();
    }
}
