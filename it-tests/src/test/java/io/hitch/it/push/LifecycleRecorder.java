package io.hitch.it.push;

import io.hitch.api.Peer;
import io.hitch.api.PeerConnected;
import io.hitch.api.PeerDisconnected;
import io.hitch.api.Peers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Observes {@link PeerConnected} and {@link PeerDisconnected} and keeps what it saw per peer id, so
 * that a test can wait (without sleeping) until a peer's events were fired.
 */
@ApplicationScoped
public class LifecycleRecorder {

    /**
     * One observed event.
     *
     * @param kind          "connected" or "disconnected"
     * @param peer          the peer id
     * @param code          the close code (0 for connected)
     * @param reason        the close reason ("" for connected)
     * @param groups        the peer's groups as the event reports them, sorted
     * @param stillMemberOf the groups whose member list still held the peer when the event fired
     */
    public record Seen(String kind, String peer, int code, String reason, List<String> groups,
                       List<String> stillMemberOf) {
    }

    private record Waiter(String peer, int count, CompletableFuture<List<Seen>> done) {
    }

    @Inject
    Peers peers;

    private final Map<String, List<Seen>> seen = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    void connected(@Observes PeerConnected event) {
        record(event.peer(), "connected", 0, "");
    }

    void disconnected(@Observes PeerDisconnected event) {
        record(event.peer(), "disconnected", event.code(), event.reason());
    }

    /** @return a stage completing with the peer's events once at least {@code count} were seen */
    public synchronized CompletionStage<List<Seen>> await(String peer, int count) {
        List<Seen> now = seen.getOrDefault(peer, List.of());
        if (now.size() >= count) {
            return CompletableFuture.completedFuture(List.copyOf(now));
        }
        CompletableFuture<List<Seen>> done = new CompletableFuture<>();
        waiters.add(new Waiter(peer, count, done));
        return done;
    }

    private void record(Peer peer, String kind, int code, String reason) {
        List<String> groups = peer.groups().stream().sorted().toList();
        List<String> stillMemberOf = groups.stream()
                .filter(g -> peers.group(g).members().contains(peer)).toList();
        Seen event = new Seen(kind, peer.id(), code, reason, groups, stillMemberOf);
        List<CompletableFuture<List<Seen>>> ready = new ArrayList<>();
        List<Seen> snapshot;
        synchronized (this) {
            List<Seen> list = seen.computeIfAbsent(peer.id(), id -> new ArrayList<>());
            list.add(event);
            snapshot = List.copyOf(list);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.peer().equals(peer.id()) && snapshot.size() >= waiter.count()) {
                    ready.add(waiter.done());
                    it.remove();
                }
            }
        }
        ready.forEach(done -> done.complete(snapshot));
    }
}
