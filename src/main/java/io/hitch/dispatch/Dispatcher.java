package io.hitch.dispatch;

import io.hitch.api.RouteException;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.Frame;
import io.hitch.protocol.RouteNames;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one request through its route: look up, bind, validate, invoke, and answer exactly once,
 * whatever happens on the way.
 */
public final class Dispatcher {

    private final RouteTable routes;
    private final Binder binder;
    private final InputValidator validator;
    private final Incidents incidents;
    private final int maxInFlight;
    private final long routeTimeoutMs;
    private final Limits limits;

    /**
     * The limits a dispatcher enforces besides in-flight requests.
     *
     * @param requireAuthentication whether unannotated routes need an authenticated caller
     * @param perSecond             connection-wide sustained request rate
     * @param burst                 connection-wide burst
     * @param strikes               rate-limited frames in 10 s after which the connection is closed
     */
    public record Limits(boolean requireAuthentication, int perSecond, int burst, int strikes) {
        /** No authentication required, no rate limit beyond what channels impose. */
        public static final Limits OPEN = new Limits(false, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private volatile List<DispatchListener> listeners = List.of();

    /** @param listeners told about every answered call of an application or built-in route */
    public void listeners(List<DispatchListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Close code for a connection that keeps sending over its rate limit. */
    public static final int RATE_LIMIT_CLOSE = 1008;

    /**
     * @param routes         the route table
     * @param binder         binds data and serializes replies
     * @param validator      checks bound data
     * @param incidents      logs unexpected failures
     * @param maxInFlight    requests one connection may have unanswered
     * @param routeTimeoutMs how long an asynchronous handler may take before the caller gets {@code timeout}
     */
    public Dispatcher(RouteTable routes, Binder binder, InputValidator validator, Incidents incidents,
                      int maxInFlight, long routeTimeoutMs) {
        this(routes, binder, validator, incidents, maxInFlight, routeTimeoutMs, Limits.OPEN);
    }

    /**
     * @param routes         the route table
     * @param binder         binds data and serializes replies
     * @param validator      checks bound data
     * @param incidents      logs unexpected failures
     * @param maxInFlight    requests one connection may have unanswered
     * @param routeTimeoutMs how long an asynchronous handler may take before the caller gets {@code timeout}
     * @param limits         authentication and rate limits
     */
    public Dispatcher(RouteTable routes, Binder binder, InputValidator validator, Incidents incidents,
                      int maxInFlight, long routeTimeoutMs, Limits limits) {
        this.limits = limits;
        this.routes = routes;
        this.binder = binder;
        this.validator = validator;
        this.incidents = incidents;
        this.maxInFlight = maxInFlight;
        this.routeTimeoutMs = routeTimeoutMs;
    }

    /**
     * Dispatches a request or notification; the answer goes out through {@code channel}, now or later.
     *
     * @param channel the connection it came from
     * @param request the request
     */
    public void dispatch(Channel channel, Frame.Request request) {
        String route = request.route();
        Answer answer = Answer.to(channel, request.id(), route);
        if (!withinRate(channel, "*", limits.perSecond(), limits.burst())) {
            rateLimited(channel, answer, limits.perSecond());
            return;
        }
        if (RouteNames.PING.equals(route)) {
            answer.data("{\"pong\":" + System.currentTimeMillis() + "}");
            return;
        }
        RouteEntry entry = routes.find(route);
        if (entry == null) {
            answer.error(ErrorCode.UNKNOWN_ROUTE, "no route named " + quote(route), null);
            return;
        }
        if (!entry.access().admits(channel.peer(), limits.requireAuthentication())) {
            answer.error(ErrorCode.FORBIDDEN, "you may not call route " + quote(route), null);
            return;
        }
        RouteEntry.RateLimit own = entry.rateLimit();
        if (own != null && !withinRate(channel, route, own.perSecond(), own.burst())) {
            rateLimited(channel, answer, own.perSecond());
            return;
        }
        if (!channel.tryStartRequest(maxInFlight)) {
            answer.error(ErrorCode.OVERLOADED, "more than " + maxInFlight
                    + " requests in flight on this connection: wait for answers before sending more", null);
            return;
        }
        long start = System.nanoTime();
        List<DispatchListener> told = listeners;
        // The table's copy of the name: its hash is computed once, not for each frame's new string.
        String name = entry.name();
        for (DispatchListener listener : told) {
            try {
                listener.started(channel.peer(), name, request.data());
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger("io.hitch").log(java.util.logging.Level.FINE, "A listener failed", e);
            }
        }
        answer.onDone(code -> {
            channel.endRequest();
            if (!told.isEmpty()) {
                long nanos = System.nanoTime() - start;
                for (DispatchListener listener : told) {
                    tell(listener, name, code, nanos);
                }
            }
        });
        try {
            invoke(channel, entry, request, answer);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // Exception, not RuntimeException: handlers written in other JVM languages or with
            // sneaky throws can throw checked exceptions that RouteHandler.handle does not declare.
            fail(answer, entry, channel, e);
        }
    }

    @SuppressWarnings("unchecked")
    private void invoke(Channel channel, RouteEntry entry, Frame.Request request, Answer answer) {
        Object input;
        try {
            input = binder.bind(request.data(), request.dataText(), entry.inputType());
        } catch (BindingException e) {
            String details = e.path().isEmpty() ? null
                    : binder.toJson(List.of(new InputValidator.Violation(e.path(), "wrong type or format")));
            answer.error(ErrorCode.BAD_DATA, e.getMessage(), details);
            return;
        }
        List<InputValidator.Violation> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            answer.error(ErrorCode.BAD_DATA, violations.size() == 1
                    ? violations.get(0).path() + ": " + violations.get(0).message()
                    : violations.size() + " constraints violated", binder.toJson(violations));
            return;
        }
        if (answer.isNotification() && entry.handler() instanceof NotificationHandler<?> notification) {
            ((NotificationHandler<Object>) notification).handleNotification(input, channel.peer());
            answer.data(null);
            return;
        }
        Object result = entry.handler().handle(input, channel.peer());
        if (!entry.async()) {
            if (result == request.data() && request.dataText() != null && !answer.isNotification()) {
                // The handler gave back the very value it got (an echo): its JSON is the text that
                // came in, so it is not written again.
                answer.data(request.dataText());
                return;
            }
            reply(answer, entry, channel, result);
            return;
        }
        if (result == null) {
            throw new IllegalStateException("route " + entry.name() + " returned a null CompletionStage");
        }
        CompletableFuture<Object> guarded = new CompletableFuture<>();
        // A shutdown answers what is still running before it closes the connection.
        channel.track(answer, () -> answer.error(ErrorCode.UNAVAILABLE, "the server is shutting down", null));
        guarded.whenComplete((value, error) -> channel.untrack(answer));
        ((CompletionStage<?>) result).whenComplete((value, error) -> {
            if (error != null) {
                guarded.completeExceptionally(error);
            } else {
                guarded.complete(value);
            }
        });
        guarded.orTimeout(routeTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            if (error == null) {
                reply(answer, entry, channel, value);
            } else if (unwrap(error) instanceof TimeoutException) {
                answer.error(ErrorCode.TIMEOUT, "route " + quote(entry.name()) + " did not answer within "
                        + routeTimeoutMs + " ms", null);
            } else {
                fail(answer, entry, channel, unwrap(error));
            }
        });
    }

    private void reply(Answer answer, RouteEntry entry, Channel channel, Object value) {
        String json;
        try {
            json = answer.isNotification() ? null : binder.toJson(value);
        } catch (RuntimeException e) {
            fail(answer, entry, channel, e);
            return;
        }
        answer.data(json);
    }

    private void fail(Answer answer, RouteEntry entry, Channel channel, Throwable error) {
        if (error instanceof RouteException e) {
            String details = null;
            if (e.details() != null) {
                try {
                    details = binder.toJson(e.details());
                } catch (RuntimeException serialization) {
                    incidents.report(channel.peer().id(), entry.name(), serialization);
                }
            }
            answer.error(e.code(), e.getMessage() == null ? e.code() : e.getMessage(), details);
            return;
        }
        String incident = incidents.report(channel.peer().id(), entry.name(), error);
        answer.error(ErrorCode.INTERNAL, "internal error (incident " + incident + ")",
                "{\"incident\":\"" + incident + "\"}");
    }

    private static void tell(DispatchListener listener, String route, String code, long nanos) {
        try {
            listener.answered(route, code, nanos);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger("io.hitch").log(java.util.logging.Level.FINE, "A listener failed", e);
        }
    }

    private static boolean withinRate(Channel channel, String key, int perSecond, int burst) {
        if (perSecond == Integer.MAX_VALUE) {
            return true;
        }
        TokenBucket bucket = channel.bucket(key, perSecond, burst);
        return bucket == null || bucket.tryTake();
    }

    private void rateLimited(Channel channel, Answer answer, int perSecond) {
        answer.error(ErrorCode.RATE_LIMITED, "too many requests: at most " + perSecond + " per second", null);
        if (channel.strike() >= limits.strikes()) {
            channel.closeAfterSending(RATE_LIMIT_CLOSE, "rate limit exceeded");
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String quote(String route) {
        String shown = route.length() > 64 ? route.substring(0, 64) + "..." : route;
        return "'" + shown + "'";
    }
}
