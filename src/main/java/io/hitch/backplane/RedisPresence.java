package io.hitch.backplane;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Presence on Redis: which node each peer is on, each peer's stream positions (its departure once it
 * leaves), and node heartbeats. A node whose heartbeat key expires is dead: the first node to notice
 * removes its peers, which become departures that their clients can resume on any node.
 */
final class RedisPresence {

    private static final Logger LOG = Logger.getLogger("io.hitch");
    private static final String AT = "@at";
    private static final long CLAIM_WAIT_NANOS = 3_000_000_000L;

    private final RedisBackplane backplane;
    private final String nodeId;
    private final long nodeTimeoutMs;
    private final long windowMs;
    private volatile long lastBeatNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    // This node's peers as announced, to announce them again after Redis lost them.
    private final Map<String, PeerPresence> here = new ConcurrentHashMap<>();

    RedisPresence(RedisBackplane backplane, String nodeId, long nodeTimeoutMs, long windowMs) {
        this.backplane = backplane;
        this.nodeId = nodeId;
        this.nodeTimeoutMs = nodeTimeoutMs;
        this.windowMs = windowMs;
    }

    // The node is listed with its first peer, not only at its next heartbeat: a node that dies
    // before that heartbeat must still be found and its peers removed.
    void connected(PeerPresence peer) {
        here.put(peer.id(), peer);
        RedisCommands<String, String> redis = backplane.commands();
        redis.sadd(RedisKeys.NODES, nodeId);
        redis.hset(RedisKeys.PEERS, peer.id(), nodeId);
        redis.sadd(RedisKeys.nodePeers(nodeId), peer.id());
        redis.hset(RedisKeys.nodeCards(nodeId), peer.id(), PeerCards.encode(peer));
    }

    void positioned(String peerId, String stream, Long position) {
        if (position == null) {
            backplane.commands().hdel(RedisKeys.positions(peerId), stream);
        } else {
            backplane.commands().hset(RedisKeys.positions(peerId), stream, Long.toString(position));
        }
    }

    void departed(String peerId, Map<String, Long> positions) {
        here.remove(peerId);
        RedisCommands<String, String> redis = backplane.commands();
        Map<String, String> fields = new HashMap<>();
        positions.forEach((stream, position) -> fields.put(stream, Long.toString(position)));
        redis.hset(RedisKeys.positions(peerId), fields);
        redis.eval(RedisScripts.DEPART, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.PEERS, RedisKeys.nodePeers(nodeId), RedisKeys.NODES, RedisKeys.nodeCards(nodeId)},
                peerId, nodeId,
                RedisKeys.positions(peerId), Long.toString(System.currentTimeMillis()), Long.toString(windowMs));
    }

    // A peer still connected elsewhere is closed there first (its client moved); one on a dead node
    // that no one removed yet is removed now.
    Departure claim(String peerId) {
        long deadline = System.nanoTime() + CLAIM_WAIT_NANOS;
        boolean kicked = false;
        while (true) {
            RedisCommands<String, String> redis = backplane.commands();
            List<String> answer = redis.eval(RedisScripts.CLAIM, ScriptOutputType.MULTI,
                    new String[] {RedisKeys.PEERS, RedisKeys.positions(peerId)}, peerId);
            switch (answer.get(0)) {
                case "ok" -> {
                    return departure(peerId, answer);
                }
                case "none" -> {
                    return null;
                }
                default -> {
                    String node = answer.get(1);
                    if (!node.equals(nodeId) && redis.exists(RedisKeys.node(node)) == 0) {
                        reap(redis, node);
                    } else if (!kicked && !node.equals(nodeId)) {
                        backplane.kick(peerId, node);
                        kicked = true;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            sleep(20);
        }
    }

    private static Departure departure(String peerId, List<String> answer) {
        Map<String, Long> from = new TreeMap<>();
        long at = System.currentTimeMillis();
        for (int i = 1; i + 1 < answer.size(); i += 2) {
            if (AT.equals(answer.get(i))) {
                at = Long.parseLong(answer.get(i + 1));
            } else {
                from.put(answer.get(i), Long.parseLong(answer.get(i + 1)));
            }
        }
        // A peer removed with its dead node never said so itself: its own pushes are all its own.
        from.putIfAbsent(Streams.peer(peerId), Long.MIN_VALUE);
        return new Departure(peerId, from, at);
    }

    boolean isDeparted(String peerId) {
        return backplane.commands().hexists(RedisKeys.positions(peerId), AT);
    }

    Optional<String> locate(String peerId) {
        return Optional.ofNullable(backplane.commands().hget(RedisKeys.PEERS, peerId));
    }

    /** Announces this node (again, with its peers, if Redis lost them) and removes dead nodes. */
    void beat(RedisCommands<String, String> redis, Backplane.Deliveries deliveries) {
        Map<String, Map<String, Long>> local = deliveries.snapshot();
        redis.set(RedisKeys.node(nodeId), Integer.toString(local.size()), SetArgs.Builder.px(nodeTimeoutMs));
        if (redis.sadd(RedisKeys.NODES, nodeId) == 1 && !local.isEmpty()) {
            // Redis restarted empty (or this node was taken for dead): say again who is here.
            local.forEach((peerId, positions) -> {
                PeerPresence known = here.get(peerId);
                connected(known != null ? known : new PeerPresence(peerId, nodeId, null, null, null, null));
                positions.forEach((stream, position) -> positioned(peerId, stream, position));
            });
            LOG.info(() -> "Redis backplane: announced " + local.size() + " peer(s) of node " + nodeId + " again");
        }
        for (String node : redis.smembers(RedisKeys.NODES)) {
            if (!node.equals(nodeId) && redis.exists(RedisKeys.node(node)) == 0) {
                reap(redis, node);
            }
        }
        lastBeatNanos = System.nanoTime();
    }

    private void reap(RedisCommands<String, String> redis, String node) {
        Long removed = redis.eval(RedisScripts.REAP, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.PEERS, RedisKeys.nodePeers(node), RedisKeys.NODES, RedisKeys.nodeCards(node)}, node,
                Long.toString(System.currentTimeMillis()), Long.toString(windowMs), RedisKeys.positions(""));
        LOG.info(() -> "Redis backplane: node " + node + " stopped beating; its " + removed + " peer(s) left");
    }

    /** @return whether this node's last heartbeat reached Redis within the node timeout */
    boolean beating() {
        return System.nanoTime() - lastBeatNanos < nodeTimeoutMs * 1_000_000L;
    }

    /** @return the live nodes and the peer counts they announced */
    Map<String, Long> nodes() {
        RedisCommands<String, String> redis = backplane.commands();
        Map<String, Long> nodes = new TreeMap<>();
        for (String node : redis.smembers(RedisKeys.NODES)) {
            String count = redis.get(RedisKeys.node(node));
            if (count != null) {
                nodes.put(node, Long.parseLong(count));
            }
        }
        return nodes;
    }

    /** @return the node and card of a peer connected to another node */
    Optional<PeerPresence> find(String peerId) {
        return locate(peerId).filter(node -> !node.equals(nodeId))
                .map(node -> PeerCards.read(backplane.commands(), node, peerId));
    }

    /** @return the live nodes, and at most {@code maxPerNode} peers of each other node */
    ClusterPresence cluster(int maxPerNode) {
        RedisCommands<String, String> redis = backplane.commands();
        Map<String, Long> live = nodes();
        List<PeerPresence> peers = new ArrayList<>();
        Set<String> truncated = new TreeSet<>();
        for (String node : live.keySet()) {
            if (!node.equals(nodeId)) {
                PeerCards.Read read = PeerCards.read(redis, node, maxPerNode);
                peers.addAll(read.peers());
                if (read.truncated()) {
                    truncated.add(node);
                }
            }
        }
        return new ClusterPresence(live, peers, truncated);
    }

    /** Signs this node off (its peers departed before). */
    void leave(RedisCommands<String, String> redis) {
        redis.del(RedisKeys.node(nodeId), RedisKeys.nodePeers(nodeId), RedisKeys.nodeCards(nodeId));
        redis.srem(RedisKeys.NODES, nodeId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackplaneException("interrupted while resuming");
        }
    }
}
