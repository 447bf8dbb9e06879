package io.hitch.backplane;

/** The Redis keys and channel of the backplane, all under {@code hitch:}. */
final class RedisKeys {

    /** Every node's pushes and commands, for every node. */
    static final String BUS = "hitch:bus";
    /** Hash: peer id to the id of the node it is connected to. */
    static final String PEERS = "hitch:peers";
    /** Set: the ids of the nodes that announced themselves. */
    static final String NODES = "hitch:nodes";

    private RedisKeys() {
    }

    /** String: the number of the stream's latest push. */
    static String seq(String stream) {
        return "hitch:seq:" + stream;
    }

    /** Stream: the stream's kept pushes, entry id = push number. */
    static String log(String stream) {
        return "hitch:log:" + stream;
    }

    /** Hash: a peer's streams and positions; with {@code @at} once it disconnected. */
    static String positions(String peerId) {
        return "hitch:pos:" + peerId;
    }

    /** String with a time to live: a node's heartbeat. */
    static String node(String nodeId) {
        return "hitch:node:" + nodeId;
    }

    /**
     * Hash: the peers connected to a node, peer id to a JSON object of what the manager lists
     * ({@code u} user, {@code a} address, {@code o} origin, {@code s} connected at, epoch ms).
     */
    static String nodeCards(String nodeId) {
        return "hitch:node-cards:" + nodeId;
    }

    /** Set: the peers connected to a node. */
    static String nodePeers(String nodeId) {
        return "hitch:node-peers:" + nodeId;
    }
}
