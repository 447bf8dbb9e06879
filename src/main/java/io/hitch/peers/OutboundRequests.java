package io.hitch.peers;

import io.hitch.api.RouteException;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.Frame;
import io.hitch.protocol.MessageId;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The requests the server has sent one client and not yet had answered. Each ends exactly once:
 * with the client's reply, its error, a timeout, or the connection's close.
 */
final class OutboundRequests {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonValue>> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Registers a new request; the caller sends its frame with the returned id.
     *
     * @param timeout how long to wait
     * @param onTimeout what the stage fails with when the time is up
     * @return the id and the stage of the answer's data
     */
    Pending open(Duration timeout, RouteException onTimeout) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(gone());
            return new Pending(MessageId.of(id), answer);
        }
        pending.put(id, answer);
        if (closed && pending.remove(id) != null) {
            // close() ran between the check above and the put: it may have missed this one.
            answer.completeExceptionally(gone());
        }
        answer.orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .whenComplete((value, error) -> pending.remove(id));
        return new Pending(MessageId.of(id), answer.exceptionallyCompose(error ->
                CompletableFuture.failedFuture(error instanceof java.util.concurrent.TimeoutException ? onTimeout : error)));
    }

    /**
     * @param answer the client's reply or error reply
     * @return false if no request with that id is waiting
     */
    boolean answer(Frame answer) {
        MessageId re = answer instanceof Frame.Reply r ? r.re() : ((Frame.ErrorReply) answer).re();
        if (!(re.value() instanceof Long id)) {
            return false;
        }
        CompletableFuture<JsonValue> waiting = pending.remove(id);
        if (waiting == null) {
            return false;
        }
        // False when the request timed out at this very moment: the answer came too late.
        if (answer instanceof Frame.Reply reply) {
            return waiting.complete(reply.data());
        }
        Frame.ErrorBody error = ((Frame.ErrorReply) answer).error();
        String code = CODE.matcher(error.code()).matches() ? error.code() : ErrorCode.BAD_FRAME;
        return waiting.completeExceptionally(new RouteException(code, error.message()).withDetails(error.details()));
    }

    /** Fails every waiting request with {@code unavailable}; later ones fail at once. */
    void close() {
        closed = true;
        for (Long id : pending.keySet()) {
            CompletableFuture<JsonValue> waiting = pending.remove(id);
            if (waiting != null) {
                waiting.completeExceptionally(gone());
            }
        }
    }

    int size() {
        return pending.size();
    }

    private static RouteException gone() {
        return new RouteException(ErrorCode.UNAVAILABLE, "the peer disconnected before answering");
    }

    /**
     * @param id     the request's id
     * @param answer completes with the reply's data, or fails with a {@link RouteException}
     */
    record Pending(MessageId id, CompletableFuture<JsonValue> answer) {
    }
}
