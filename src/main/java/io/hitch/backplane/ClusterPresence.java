package io.hitch.backplane;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster as presence holds it, read in one go.
 *
 * @param nodes     the live nodes and the peer counts they announced; empty for one node alone
 * @param peers     peers of the other nodes, at most the asked number per node
 * @param truncated the nodes whose peers were cut to that number
 */
public record ClusterPresence(Map<String, Long> nodes, List<PeerPresence> peers, Set<String> truncated) {

    /** One node on its own, or Redis out of reach. */
    public static final ClusterPresence ALONE = new ClusterPresence(Map.of(), List.of(), Set.of());
}
