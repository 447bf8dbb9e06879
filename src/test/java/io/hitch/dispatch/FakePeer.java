package io.hitch.dispatch;

import io.hitch.api.Peer;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
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

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
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
        throw new UnsupportedOperationException("the dispatcher never pushes");
    }

    @Override
    public <T> CompletionStage<T> request(String route, Object data, Class<T> replyType, Duration timeout) {
        throw new UnsupportedOperationException("the dispatcher never asks the client");
    }

    @Override
    public void close(int code, String reason) {
        throw new UnsupportedOperationException("the dispatcher never closes");
    }
}
