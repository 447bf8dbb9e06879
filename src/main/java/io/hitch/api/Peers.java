package io.hitch.api;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The connected peers and their groups. Inject it anywhere:
 *
 * <pre>{@code
 * @Inject Peers peers;
 *
 * void onOrderShipped(@Observes OrderShipped event) {
 *     peers.group("customer." + event.customerId()).broadcast("order.shipped", event);
 * }
 * }</pre>
 *
 * <p>Fan-out serializes the data once and queues the same frame to every recipient; a slow
 * recipient never delays the others. Groups are created on first join and vanish when empty.
 */
public interface Peers {

    /**
     * @return the connected peer with that id, if any: on this node, or with the Redis backplane on
     *         another node (then it knows its id only, and pushes and requests go through Redis)
     */
    Optional<Peer> find(String peerId);

    /** @return the peers connected to this node, a snapshot */
    Collection<Peer> all();

    /**
     * @param name a group name, e.g. {@code "room.lobby"}
     * @return a handle on the group; it has members only while peers have joined it
     */
    Group group(String name);

    /** @return the names of the groups that have members, a snapshot */
    Set<String> groups();

    /**
     * Pushes to one peer by id. A push to a peer that disconnected within the recovery window
     * ({@code hitch.recovery.window-ms}) is kept, and delivered if its client resumes.
     *
     * @return false if no peer with that id is connected
     */
    boolean push(String peerId, String route, Object data);

    /** Pushes to every connected peer. */
    void broadcast(String route, Object data);

    /** Pushes to every connected peer but {@code except} (usually the sender). */
    void broadcast(String route, Object data, Peer except);
}
