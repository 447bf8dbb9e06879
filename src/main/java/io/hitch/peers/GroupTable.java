package io.hitch.peers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups of this node: each member with its position in the group's stream, which the fan-out
 * reads without a lookup. A group exists while it has members. Thread-safe.
 */
final class GroupTable {

    private final Map<String, Map<PeerSession, Positions.Mark>> groups = new ConcurrentHashMap<>();

    Set<String> names() {
        return Set.copyOf(groups.keySet());
    }

    Collection<PeerSession> members(String group) {
        Map<PeerSession, Positions.Mark> members = groups.get(group);
        return members == null ? List.of() : members.keySet();
    }

    /** @return the group's members with their positions in its stream (a live view), or an empty map */
    Map<PeerSession, Positions.Mark> marks(String group) {
        Map<PeerSession, Positions.Mark> members = groups.get(group);
        return members == null ? Map.of() : members;
    }

    /** Adds an open session that has just taken the group's name. */
    void add(String group, PeerSession session, Positions.Mark mark) {
        // Added inside compute: a concurrent remove cannot drop the map between lookup and put.
        groups.compute(group, (name, members) -> {
            Map<PeerSession, Positions.Mark> map = members == null ? new ConcurrentHashMap<>() : members;
            map.put(session, mark);
            return map;
        });
    }

    void remove(String group, PeerSession session) {
        groups.computeIfPresent(group, (name, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }
}
