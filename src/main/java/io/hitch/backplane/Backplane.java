package io.hitch.backplane;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * What several nodes share, behind the peer registry: numbering and keeping pushes per stream,
 * delivering them to every node, presence (which node a peer is on) and departures for recovery.
 * {@link MemoryBackplane} is one node on its own; {@link RedisBackplane} is a cluster on Redis.
 * Route code never sees it: it talks to {@code io.hitch.api.Peers}.
 */
public interface Backplane extends AutoCloseable {

    /** Where this node receives what the backplane delivers. */
    interface Deliveries {

        /**
         * A numbered push for this node's recipients; within a stream, calls come in number order.
         *
         * @param except the peer id that must not get it, or null
         */
        void deliver(String stream, long seq, String frame, String except);

        /** Another node resumed this node's peer: close it, its client is elsewhere now. */
        void takenOver(String peerId);

        /** Another node asks to close this node's peer (an operator, or {@code Peer.close} there). */
        void closeAsked(String peerId, int code, String reason);

        /** @return this node's peers and their stream positions, to announce them again */
        Map<String, Map<String, Long>> snapshot();

        /**
         * Another node relays a request (or, without {@code answerWanted}, a notification) to a peer
         * of this node.
         *
         * @return the peer's answer; {@code unavailable} if it is not here
         */
        java.util.concurrent.CompletableFuture<jakarta.json.JsonValue> asked(String peerId, String route, String dataJson,
                                                                          String from, java.time.Duration timeout,
                                                                          boolean answerWanted);
    }

    /** Starts delivering to {@code deliveries}. */
    void start(Deliveries deliveries);

    /** @return the lock under which this node delivers a stream and catches peers up on it */
    Lock lock(String stream);

    /**
     * Numbers a push in {@code stream}, keeps it and delivers it to every node, this one included
     * (possibly before this method returns).
     */
    void publish(String stream, String route, String dataJson, String except);

    /** @return the number of the latest push of the stream (for a new member; the lock is held) */
    long position(String stream);

    /**
     * @param complete whether to answer null when some pushes after {@code from} are no longer kept
     * @return the kept pushes after {@code from}, oldest first (the stream's lock is held)
     */
    List<StreamLog.Entry> after(String stream, long from, boolean complete);

    /** A peer connected to this node ({@code peer.node()} is this node). */
    void connected(PeerPresence peer);

    /** A peer of this node joined a stream at a position, or left it ({@code position} null). */
    void positioned(String peerId, String stream, Long position);

    /** A peer of this node disconnected; its streams and positions are kept for the window. */
    void departed(String peerId, Map<String, Long> positions);

    /**
     * Takes what a disconnected peer left, once. A peer still connected to another node is closed
     * there first.
     *
     * @return its departure, or null if there is none within the window
     */
    Departure claim(String peerId);

    /** @return whether the peer disconnected within the window (pushes to it are kept) */
    boolean isDeparted(String peerId);

    /** @return the node a peer is connected to, if the backplane knows one */
    Optional<String> locate(String peerId);

    /**
     * Relays a request (or a notification) to a peer on another node.
     *
     * @return its answer, or a failure with a {@code RouteException} ({@code timeout}, {@code unavailable},
     *         or the client's own error)
     */
    java.util.concurrent.CompletableFuture<jakarta.json.JsonValue> ask(String node, String peerId, String route,
                                                                     String dataJson, String from,
                                                                     java.time.Duration timeout, boolean answerWanted);

    /**
     * Asks the node a peer is on to close it with that code and reason; the close happens there,
     * after this returns.
     */
    void disconnect(String node, String peerId, int code, String reason);

    /** @return this node's id */
    String nodeId();

    /** @return the live nodes of the cluster and their peer counts as announced; empty for one node alone */
    Map<String, Long> nodes();

    /** @return the node and card of a peer connected to another node (two Redis reads) */
    Optional<PeerPresence> presenceOf(String peerId);

    /**
     * Reads the live nodes and the peers of the other nodes: for an operator's view, not for a hot
     * path (several Redis round trips).
     *
     * @param maxPerNode the most peers listed of each other node
     */
    ClusterPresence presence(int maxPerNode);

    /** @return whether the backplane works now (readiness) */
    boolean healthy();

    /** Forgets what the recovery window no longer covers; {@code inUse} are this node's streams. */
    void sweep(java.util.Set<String> inUse);

    @Override
    void close();
}
