package io.hitch.peers;

import io.hitch.api.Peer;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A peer connected to another node (with the Redis backplane), as {@code Peers.find} and
 * {@code RelayPolicy} beans see it: its id and node only (no principal, address, groups or
 * attributes, which stay on its node). Pushes, requests and closes go through the backplane.
 */
final class RemotePeer implements Peer {

    private final String id;
    private final String node;
    private final PeerRegistry registry;

    RemotePeer(String id, String node, PeerRegistry registry) {
        this.id = id;
        this.node = node;
        this.registry = registry;
    }

    String node() {
        return node;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.empty();
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public String remoteAddress() {
        return "unknown";
    }

    @Override
    public Instant connectedAt() {
        return Instant.EPOCH;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of();
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
        registry.push(id, route, data);
    }

    @Override
    public <T> CompletionStage<T> request(String route, Object data, Class<T> replyType, Duration timeout) {
        return registry.elsewhere().request(this, route, data, replyType, timeout);
    }

    @Override
    public void close(int code, String reason) {
        registry.elsewhere().close(node, id, code, reason);
    }

    @Override
    public String toString() {
        return "peer " + id + " on node " + node;
    }
}
