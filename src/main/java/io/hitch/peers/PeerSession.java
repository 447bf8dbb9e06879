package io.hitch.peers;

import io.hitch.api.Peer;
import io.hitch.api.RouteException;
import io.hitch.dispatch.Binder;
import io.hitch.dispatch.BindingException;
import io.hitch.dispatch.Channel;
import io.hitch.dispatch.TokenBucket;
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
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private volatile boolean open = true;
    private volatile boolean recorded;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>(4);
    private final Map<Object, Runnable> unanswered = new ConcurrentHashMap<>();
    private final Strikes strikes = new Strikes();
    private volatile long lastPong = System.nanoTime();
    private volatile Thread reader;
    // Set when pushes are numbered and kept for recovery (PROTOCOL.md §5.5).
    private final Positions positions = new Positions();
    private Recovery recovery;

    PeerSession(String id, Handshake handshake, FrameSink sink, int outboundMaxFrames, Binder binder) {
        this(id, handshake, sink, outboundMaxFrames, Long.MAX_VALUE, binder);
    }

    PeerSession(String id, Handshake handshake, FrameSink sink, int outboundMaxFrames, long outboundMaxBytes,
                Binder binder) {
        this.id = id;
        this.handshake = handshake;
        this.sink = sink;
        this.binder = binder;
        this.outbox = new Outbox(sink, outboundMaxFrames, outboundMaxBytes);
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
        send(frame, Utf8.length(frame));
    }

    /**
     * @param frame the text
     * @param size  its UTF-8 length, counted once by a caller that sends it to many peers
     */
    void send(String frame, long size) {
        if (outbox.offer(frame, size, Thread.currentThread() == reader)) {
            framesOut.incrementAndGet();
            bytesOut.addAndGet(size);
        }
    }

    /**
     * Marks the calling thread as this connection's reader until {@link #readDone()}: what it sends
     * while nothing else is being sent is written in place (see {@link FrameSink#sendNow}).
     */
    public void reading() {
        reader = Thread.currentThread();
    }

    /** Ends {@link #reading()}. */
    public void readDone() {
        reader = null;
    }

    @Override
    public void push(String route, Object data) {
        if (recovery != null) {
            recovery.push(this, route, binder.toJson(data));
        } else {
            send(FrameEncoder.push(route, binder.toJson(data)));
        }
    }

    /** Numbers and keeps this peer's pushes for recovery from now on. */
    void recoverWith(Recovery recovery) {
        this.recovery = recovery;
    }

    Positions positions() {
        return positions;
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

    @Override
    public boolean answered(Frame answer) {
        return requests.answer(answer);
    }

    @Override
    public TokenBucket bucket(String key, int perSecond, int burst) {
        // Every request looks its buckets up: a plain read, and no capturing lambda, once they exist.
        TokenBucket bucket = buckets.get(key);
        return bucket != null ? bucket : buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst));
    }

    @Override
    public int strike() {
        return strikes.add(System.nanoTime());
    }

    @Override
    public void closeAfterSending(int code, String reason) {
        outbox.closeAfterSending(code, reason);
    }

    @Override
    public void track(Object key, Runnable giveUp) {
        unanswered.put(key, giveUp);
    }

    @Override
    public void untrack(Object key) {
        unanswered.remove(key);
    }

    /** Answers every request still running with {@code unavailable}, then closes with {@code code}. */
    void shutDown(int code, String reason) {
        for (Object key : unanswered.keySet()) {
            Runnable giveUp = unanswered.remove(key);
            if (giveUp != null) {
                giveUp.run();
            }
        }
        outbox.closeAfterSending(code, reason);
    }

    /** Queues frames without sending them until {@link #resume()}. */
    void pause() {
        outbox.pause();
    }

    /** Sends what was queued while paused, and everything after. */
    void resume() {
        outbox.resume();
    }

    /** Sends a WebSocket ping, in turn with the frames. */
    void ping() {
        outbox.ping();
    }

    /** @return whether every queued frame has been written */
    boolean drained() {
        return outbox.drained();
    }

    /** Records a pong from the client. */
    public void ponged() {
        lastPong = System.nanoTime();
    }

    /** @return nanoTime of the last pong (or of the connection's start) */
    long lastPong() {
        return lastPong;
    }

    /** @return frames and bytes waiting to be sent */
    public long[] waiting() {
        return new long[] {outbox.waiting(), outbox.waitingBytes()};
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

    /** Counts one received text frame of {@code chars} characters. */
    public void received(int chars) {
        framesIn.incrementAndGet();
        bytesIn.addAndGet(chars);
    }

    /** @return frames received, frames sent */
    public long[] traffic() {
        return new long[] {framesIn.get(), framesOut.get()};
    }

    /** @return frames in, frames out, bytes in (characters of text frames), bytes out, requests in flight */
    public long[] counters() {
        return new long[] {framesIn.get(), framesOut.get(), bytesIn.get(), bytesOut.get(), inFlight.get()};
    }

    @Override
    public void close(int code, String reason) {
        sink.closeLater(code, reason);
    }

    void closed() {
        open = false;
        outbox.close();
        requests.close();
    }

    // Set once the registry has forgotten this peer and told the observers (after closed()).
    void recorded() {
        recorded = true;
    }

    boolean isRecorded() {
        return recorded;
    }

    @Override
    public String toString() {
        return "peer " + id;
    }
}
