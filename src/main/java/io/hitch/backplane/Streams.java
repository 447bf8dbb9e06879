package io.hitch.backplane;

/**
 * Names of the streams pushes are numbered in. Every recoverable push belongs to exactly one stream
 * and carries its stream name and sequence number on the wire (PROTOCOL.md §5.5): a group's
 * broadcasts, the broadcasts to everyone, or the pushes to one peer.
 */
public final class Streams {

    /** The stream of broadcasts to every connected peer. */
    public static final String ALL = "all";
    private static final String GROUP = "group:";
    private static final String PEER = "peer:";

    private Streams() {
    }

    /** @return the stream of a group's broadcasts */
    public static String group(String name) {
        return GROUP + name;
    }

    /** @return the stream of the pushes to one peer */
    public static String peer(String peerId) {
        return PEER + peerId;
    }

    /** @return whether {@code stream} is one peer's own */
    public static boolean isPeer(String stream) {
        return stream.startsWith(PEER);
    }

    /** @return the group a group stream belongs to, or null for other streams */
    public static String groupOf(String stream) {
        return stream.startsWith(GROUP) ? stream.substring(GROUP.length()) : null;
    }
}
