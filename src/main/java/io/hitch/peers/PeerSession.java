package io.hitch.peers;

import io.hitch.api.Peer;
import io.hitch.api.RouteException;
import io.hitch.dispatch.Binder;
import io.hitch.dispatch.BindingException;
import io.hitch.dispatch.Channel;
import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.Frame;
import io.hitch.protocol.FrameEncoder;
import jakarta.json.JsonValue;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One open connection: the {@link Peer} route handlers see and the {@link Channel} the dispatcher uses. */
public final class PeerSession implements Peer, Channel {

    private final String id;
    private final Handshake handshake;
    private final Instant connectedAt = Instant.now();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Outbox outbox;
    private final FrameSink sink;
    private final Binder binder;
    private final OutboundRequests requests = new OutboundRequests();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();
    private volatile boolean open = true;

    PeerSession(String id, Handshake handshake, FrameSink sink, int outboundMaxFrames, Binder binder) {
        this.id = id;
        this.handshake = handshake;
        this.sink = sink;
        this.binder = binder;
        this.outbox = new Outbox(sink, outboundMaxFrames);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(handshake.principal());
    }

    @Override
    public String remoteAddress() {
        return handshake.remoteAddress();
    }

    /** @return what the upgrade request said */
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public Set<String> groups() {
        return Set.copyOf(groups);
    }

    Set<String> groupNames() {
        return groups;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public PeerSession peer() {
        return this;
    }

    @Override
    public void send(String frame) {
        if (outbox.offer(frame)) {
            framesOut.incrementAndGet();
        }
    }

    @Override
    public void push(String route, Object data) {
        send(FrameEncoder.push(route, binder.toJson(data)));
    }

    @Override
    public <T> CompletionStage<T> request(String route, Object data, Class<T> replyType, Duration timeout) {
        return ask(route, binder.toJson(data), null, timeout).thenApply(reply -> {
            try {
                return replyType.cast(binder.bind(reply, replyType));
            } catch (BindingException e) {
                throw new RouteException(ErrorCode.BAD_DATA, "the client's reply does not fit "
                        + replyType.getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    /**
     * Sends this client a request and returns the raw answer.
     *
     * @param route    the client route
     * @param dataJson the data as JSON text
     * @param from     the peer id of the client the request is relayed for, or null
     * @param timeout  how long to wait
     * @return the reply's data, or a failure with a {@link RouteException}
     */
    public CompletableFuture<JsonValue> ask(String route, String dataJson, String from, Duration timeout) {
        OutboundRequests.Pending pending = requests.open(timeout, new RouteException(ErrorCode.TIMEOUT,
                "peer " + id + " did not answer '" + route + "' within " + timeout.toMillis() + " ms"));
        if (!pending.answer().isDone()) {
            send(FrameEncoder.request(route, pending.id(), dataJson, from));
        }
        return pending.answer();
    }

    /** Sends this client a notification relayed for peer {@code from}. */
    public void notifyFrom(String route, String dataJson, String from) {
        send(FrameEncoder.request(route, null, dataJson, from));
    }

    @Override
    public boolean answered(Frame answer) {
        return requests.answer(answer);
    }

    @Override
    public boolean tryStartRequest(int limit) {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    @Override
    public void endRequest() {
        inFlight.decrementAndGet();
    }

    /** Counts one received frame. */
    public void received() {
        framesIn.incrementAndGet();
    }

    /** @return frames received, frames sent */
    public long[] traffic() {
        return new long[] {framesIn.get(), framesOut.get()};
    }

    @Override
    public void close(int code, String reason) {
        sink.close(code, reason);
    }

    void closed() {
        open = false;
        outbox.close();
        requests.close();
    }

    @Override
    public String toString() {
        return "peer " + id;
    }
}
