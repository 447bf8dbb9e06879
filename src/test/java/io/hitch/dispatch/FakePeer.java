package io.hitch.dispatch;

import io.hitch.api.Peer;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A peer with a fixed id and no principal. */
final class FakePeer implements Peer {

    private final String id;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    FakePeer(String id) {
        this.id = id;
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
    public Instant connectedAt() {
        return Instant.EPOCH;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }
}
