package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.dispatch.Channel;
import io.hitch.peers.FrameSink;
import io.hitch.peers.Handshake;
import io.hitch.peers.Outbox;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One manager console connection. It is not an application peer: it is never listed, grouped or
 * reached by broadcasts. It remembers what its operator is looking at.
 */
public final class ManagerSession implements Peer, Channel {

    private final String id = "manager-" + UUID.randomUUID();
    private final Handshake handshake;
    private final Outbox outbox;
    private final FrameSink sink;
    private final Instant connectedAt = Instant.now();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile View view = View.DEFAULT;

    /**
     * What the console shows: a peer filter, the sort order, a node, and whether payloads are hidden.
     *
     * @param query        text a peer's id, user, address, origin, user agent or groups must contain
     * @param sort         id, user, address, since, in, out or pending
     * @param node         the node whose peers are shown, or "" for every node
     * @param hidePayloads whether sampled traffic is shown without data
     */
    public record View(String query, String sort, String node, boolean hidePayloads) {
        static final View DEFAULT = new View("", "since", "", false);
    }

    ManagerSession(Handshake handshake, FrameSink sink) {
        this.handshake = handshake;
        this.sink = sink;
        this.outbox = new Outbox(sink, 64, 16L * 1024 * 1024);
    }

    View view() {
        return view;
    }

    void view(View view) {
        this.view = view;
    }

    /** @return the operator's user name */
    String user() {
        return handshake.principal() == null ? "(anonymous)" : handshake.principal().getName();
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
    public boolean isUserInRole(String role) {
        return handshake.principal() != null && handshake.roles().contains(role);
    }

    @Override
    public String remoteAddress() {
        return handshake.remoteAddress();
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
        return Set.of();
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void push(String route, Object data) {
        throw new UnsupportedOperationException("the manager pushes its state itself");
    }

    @Override
    public <T> CompletionStage<T> request(String route, Object data, Class<T> replyType, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("a console answers no requests"));
    }

    @Override
    public void close(int code, String reason) {
        sink.close(code, reason);
    }

    @Override
    public ManagerSession peer() {
        return this;
    }

    @Override
    public void send(String frame) {
        outbox.offer(frame);
    }

    @Override
    public boolean tryStartRequest(int limit) {
        return inFlight.incrementAndGet() <= limit || inFlight.decrementAndGet() < 0;
    }

    @Override
    public void endRequest() {
        inFlight.decrementAndGet();
    }

    void closed() {
        outbox.close();
    }
}
