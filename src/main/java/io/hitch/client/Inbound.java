package io.hitch.client;

import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.MessageId;
import io.hitch.protocol.RouteNames;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The handlers of pushes and server requests, and their delivery: one at a time, in arrival order. */
final class Inbound {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private record Handler<H>(Type type, H handler) {
    }

    private final Map<String, List<Handler<PushHandler<Object>>>> pushes = new ConcurrentHashMap<>();
    private final Map<String, Handler<RequestHandler<Object>>> requests = new ConcurrentHashMap<>();
    private final JsonCodec codec;
    private final Executor inOrder;
    private final Consumer<HitchException> errors;

    Inbound(JsonCodec codec, Executor inOrder, Consumer<HitchException> errors) {
        this.codec = codec;
        this.inOrder = inOrder;
        this.errors = errors;
    }

    @SuppressWarnings("unchecked")
    Subscription onPush(String route, Type type, PushHandler<?> handler) {
        Handler<PushHandler<Object>> entry = new Handler<>(type, (PushHandler<Object>) handler);
        pushes.computeIfAbsent(route, r -> new CopyOnWriteArrayList<>()).add(entry);
        return () -> pushes.computeIfPresent(route, (r, list) -> {
            list.remove(entry);
            return list.isEmpty() ? null : list;
        });
    }

    @SuppressWarnings("unchecked")
    Subscription onRequest(String route, Type type, RequestHandler<?> handler) {
        Handler<RequestHandler<Object>> entry = new Handler<>(type, (RequestHandler<Object>) handler);
        if (requests.putIfAbsent(route, entry) != null) {
            throw new IllegalStateException("a request handler for '" + route + "' is already registered");
        }
        return () -> requests.remove(route, entry);
    }

    /** Delivers a push (or a relayed notification) to every handler of its route. */
    void push(String route, JsonValue data, String from) {
        inOrder.execute(() -> {
            Meta meta = new Meta(route, null, from);
            for (Handler<PushHandler<Object>> h : pushes.getOrDefault(route, List.of())) {
                try {
                    h.handler().accept(codec.read(data, h.type(), "the push to " + route), meta);
                } catch (HitchException e) {
                    errors.accept(e);
                } catch (RuntimeException e) {
                    errors.accept(failure("the handler of push " + route + " failed", e));
                }
            }
        });
    }

    /** Answers a server request through {@code send}, which sends on the connection it came from. */
    void request(String route, MessageId id, JsonValue data, String from, Consumer<String> send) {
        inOrder.execute(() -> {
            Handler<RequestHandler<Object>> h = requests.get(route);
            if (h == null) {
                if (RouteNames.PING.equals(route)) {
                    send.accept(FrameEncoder.reply(id, "{\"pong\":" + System.currentTimeMillis() + "}"));
                } else {
                    send.accept(FrameEncoder.errorReply(id, ErrorCode.UNKNOWN_ROUTE,
                            "the client has no handler for " + route, null));
                }
                return;
            }
            Object result;
            try {
                result = h.handler().answer(codec.read(data, h.type(), "the request to " + route),
                        new Meta(route, id.value(), from));
            } catch (Exception e) {
                send.accept(errorReply(id, e));
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, e) -> send.accept(e == null ? reply(id, route, value) : errorReply(id, e)));
            } else {
                send.accept(reply(id, route, result));
            }
        });
    }

    private String reply(MessageId id, String route, Object value) {
        try {
            return FrameEncoder.reply(id, value == null ? "null" : codec.write(route, value));
        } catch (HitchException e) {
            return FrameEncoder.errorReply(id, ErrorCode.INTERNAL, "the client's reply to " + route + " is not JSON", null);
        }
    }

    private static String errorReply(MessageId id, Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (t instanceof HitchException e && CODE.matcher(e.code()).matches()) {
            return FrameEncoder.errorReply(id, e.code(), e.getMessage(), e.details() == null ? null : e.details().toString());
        }
        return FrameEncoder.errorReply(id, ErrorCode.INTERNAL, t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getMessage(), null);
    }

    private static HitchException failure(String what, RuntimeException e) {
        HitchException wrapped = new HitchException(ErrorCode.INTERNAL, what + ": " + e,
                Json.createValue(e.getClass().getName()));
        wrapped.initCause(e);
        return wrapped;
    }
}
