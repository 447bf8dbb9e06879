package io.hitch.peers;

import io.hitch.api.Group;
import io.hitch.api.Peer;
import io.hitch.backplane.Streams;

import java.util.Set;

/** A handle on one group of the in-memory registry; the registry holds the members. */
final class LocalGroup implements Group {

    private final String name;
    private final PeerRegistry registry;

    LocalGroup(String name, PeerRegistry registry) {
        this.name = name;
        this.registry = registry;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Peer> members() {
        return Set.copyOf(registry.members(name));
    }

    @Override
    public int size() {
        return registry.members(name).size();
    }

    @Override
    public boolean join(Peer peer) {
        return registry.join(name, peer);
    }

    @Override
    public boolean leave(Peer peer) {
        return registry.leave(name, peer);
    }

    @Override
    public void broadcast(String route, Object data) {
        registry.fanOut(Streams.group(name), () -> registry.members(name), route, data, null);
    }

    @Override
    public void broadcast(String route, Object data, Peer except) {
        registry.fanOut(Streams.group(name), () -> registry.members(name), route, data, except);
    }

    @Override
    public String toString() {
        return "group " + name;
    }
}
