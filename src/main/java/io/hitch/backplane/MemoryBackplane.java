package io.hitch.backplane;

import io.hitch.config.RecoveryConfig;
import io.hitch.protocol.FrameEncoder;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;

/**
 * One node on its own (the default, {@code hitch.backplane=memory}): pushes are numbered, kept and
 * delivered in this JVM, synchronously and under the stream's lock, so delivery order is numbering
 * order and a catch-up under the same lock can never race a push.
 */
public final class MemoryBackplane implements Backplane {

    private final Retention retention;
    private final String nodeId = UUID.randomUUID().toString();
    private Deliveries deliveries;

    public MemoryBackplane(RecoveryConfig config) {
        this.retention = new Retention(config);
    }

    @Override
    public void start(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public Lock lock(String stream) {
        return retention.log(stream).lock;
    }

    @Override
    public void publish(String stream, String route, String dataJson, String except) {
        StreamLog log = retention.log(stream);
        long now = System.currentTimeMillis();
        log.lock();
        try {
            String frame = log.append(seq -> FrameEncoder.push(route, dataJson, stream, seq), except, now);
            deliveries.deliver(stream, log.last(), frame, except);
        } finally {
            log.unlock();
        }
    }

    @Override
    public long position(String stream) {
        return retention.log(stream).last();
    }

    @Override
    public List<StreamLog.Entry> after(String stream, long from, boolean complete) {
        return retention.log(stream).after(from, System.currentTimeMillis(), complete);
    }

    @Override
    public void connected(PeerPresence peer) {
        // positions live in the peer's session on one node
    }

    @Override
    public void positioned(String peerId, String stream, Long position) {
        // positions live in the peer's session on one node
    }

    @Override
    public void departed(String peerId, Map<String, Long> positions) {
        retention.departed(new Departure(peerId, positions, System.currentTimeMillis()));
    }

    @Override
    public Departure claim(String peerId) {
        return retention.claim(peerId, System.currentTimeMillis());
    }

    @Override
    public boolean isDeparted(String peerId) {
        return retention.isDeparted(peerId, System.currentTimeMillis());
    }

    @Override
    public Optional<String> locate(String peerId) {
        return Optional.empty();
    }

    @Override
    public java.util.concurrent.CompletableFuture<jakarta.json.JsonValue> ask(String node, String peerId, String route,
            String dataJson, String from, java.time.Duration timeout, boolean answerWanted) {
        return java.util.concurrent.CompletableFuture.failedFuture(new io.hitch.api.RouteException(
                io.hitch.protocol.ErrorCode.UNAVAILABLE, "no peer '" + peerId + "' is connected"));
    }

    // Never called: no peer is located on another node (locate is always empty).
    @Override
    public void disconnect(String node, String peerId, int code, String reason) {
        throw new IllegalStateException("a single node has no peers on other nodes");
    }

    @Override
    public Optional<PeerPresence> presenceOf(String peerId) {
        return Optional.empty();
    }

    @Override
    public ClusterPresence presence(int maxPerNode) {
        return ClusterPresence.ALONE;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Map<String, Long> nodes() {
        return Map.of();
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public void sweep(Set<String> inUse) {
        retention.sweep(inUse, System.currentTimeMillis());
    }

    /** @return stream logs and departures kept */
    public int[] sizes() {
        return retention.sizes();
    }

    @Override
    public void close() {
        // nothing outside this JVM
    }
}
