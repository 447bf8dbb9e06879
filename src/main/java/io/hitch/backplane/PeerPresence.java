package io.hitch.backplane;

import java.time.Instant;

/**
 * What the cluster knows of a connected peer beyond its node: written once when it connects, so
 * that a node can list the peers of the others without asking them (the manager's peer table).
 *
 * @param id      the peer id
 * @param node    the node it is connected to
 * @param user    its user, or null
 * @param address its remote address
 * @param origin  the handshake's Origin, or null
 * @param since   when it connected
 */
public record PeerPresence(String id, String node, String user, String address, String origin, Instant since) {
}
