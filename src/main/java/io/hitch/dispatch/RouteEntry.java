package io.hitch.dispatch;

import io.hitch.api.RouteHandler;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One row of the route table: the handler and the types its data binds to and its reply comes from,
 * resolved once at deployment.
 *
 * @param name       the route name
 * @param handler    the handler (a CDI contextual reference in the container)
 * @param inputType  the type request data binds to
 * @param replyType  the type of the reply data (the {@code T} of a {@code CompletionStage<T>})
 * @param async      whether the handler returns a {@code CompletionStage}
 * @param source     the bean that serves it, for logs and errors
 * @param access     who may call it
 * @param rateLimit  the route's own rate limit, or null for only the connection's
 */
public record RouteEntry(String name, RouteHandler<Object, Object> handler, Type inputType,
                         Type replyType, boolean async, String source, AccessRule access, RateLimit rateLimit) {

    /** An entry open to anyone, without a rate limit of its own. */
    public RouteEntry(String name, RouteHandler<Object, Object> handler, Type inputType, Type replyType,
                      boolean async, String source) {
        this(name, handler, inputType, replyType, async, source, AccessRule.DEFAULT, null);
    }

    /**
     * @param perSecond calls per second, sustained
     * @param burst     calls at once
     */
    public record RateLimit(int perSecond, int burst) {
    }

    /** @return this entry with the access rule and rate limit declared on {@code beanClass} */
    public RouteEntry withPolicies(Class<?> beanClass) {
        io.hitch.api.RateLimit limit = beanClass.getAnnotation(io.hitch.api.RateLimit.class);
        RateLimit rate = limit == null || limit.perSecond() <= 0 ? null
                : new RateLimit(limit.perSecond(), limit.burst() > 0 ? limit.burst() : limit.perSecond());
        return new RouteEntry(name, handler, inputType, replyType, async, source, AccessRule.of(beanClass), rate);
    }

    /**
     * @param name     the route name
     * @param handler  the handler
     * @param beanTypes the handler's bean types, as CDI resolves them
     * @param source   the bean that serves it
     * @return the entry
     * @throws RouteTableException if no concrete {@code RouteHandler<I, O>} is among the types
     */
    @SuppressWarnings("unchecked")
    public static RouteEntry of(String name, RouteHandler<?, ?> handler, Set<Type> beanTypes, String source) {
        ParameterizedType handlerType = beanTypes.stream()
                .filter(t -> t instanceof ParameterizedType p && p.getRawType() == RouteHandler.class)
                .map(ParameterizedType.class::cast)
                .findFirst()
                .orElseThrow(() -> new RouteTableException("Route '" + name + "' on " + source
                        + " must implement RouteHandler<I, O> with concrete types for I and O"));
        Type input = handlerType.getActualTypeArguments()[0];
        Type output = handlerType.getActualTypeArguments()[1];
        if (!isConcrete(input) || !isConcrete(output)) {
            throw new RouteTableException("Route '" + name + "' on " + source + " declares " + handlerType
                    + ": I and O must be concrete types, not type variables or wildcards");
        }
        boolean async = rawClass(output) == CompletionStage.class
                || CompletionStage.class.isAssignableFrom(rawClass(output));
        Type reply = async ? stageValueType(output) : output;
        return new RouteEntry(name, (RouteHandler<Object, Object>) handler, input, reply, async, source);
    }

    private static Type stageValueType(Type stage) {
        return stage instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
    }

    private static boolean isConcrete(Type type) {
        if (type instanceof Class<?>) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                if (!isConcrete(argument)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
