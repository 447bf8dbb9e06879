package io.hitch.api;

import java.util.Set;

/**
 * A named set of peers, for fan-out. Obtain one from {@link Peers#group(String)}.
 *
 * <pre>{@code
 * Group room = peers.group("room." + request.room());
 * room.join(caller);
 * room.broadcast("chat.message", message);            // everyone, the sender included
 * room.broadcast("chat.typing", typing, caller);      // everyone but the sender
 * }</pre>
 *
 * <p>Members leave when they disconnect. A group exists while it has members.
 */
public interface Group {

    /** @return the group's name */
    String name();

    /** @return the members, a snapshot */
    Set<Peer> members();

    /** @return the number of members */
    int size();

    /**
     * @param peer the peer to add
     * @return false if it was a member already or is disconnected
     */
    boolean join(Peer peer);

    /**
     * @param peer the peer to remove
     * @return false if it was not a member
     */
    boolean leave(Peer peer);

    /** Pushes to every member; the data is serialized once. */
    void broadcast(String route, Object data);

    /** Pushes to every member but {@code except}. */
    void broadcast(String route, Object data, Peer except);
}
