package io.hitch.peers;

import io.hitch.api.Peer;
import io.hitch.dispatch.Channel;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One open connection: the {@link Peer} route handlers see and the {@link Channel} the dispatcher uses. */
public final class PeerSession implements Peer, Channel {

    private final String id;
    private final Principal principal;
    private final Instant connectedAt = Instant.now();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private final FrameSink sink;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong framesOut = new AtomicLong();

    PeerSession(String id, Principal principal, FrameSink sink, int outboundMaxFrames) {
        this.id = id;
        this.principal = principal;
        this.sink = sink;
        this.outbox = new Outbox(sink, outboundMaxFrames);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
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

    /** Closes the connection with {@code code} and {@code reason}. */
    public void close(int code, String reason) {
        sink.close(code, reason);
    }

    void closed() {
        outbox.close();
    }

    @Override
    public String toString() {
        return "peer " + id;
    }
}
