package io.hitch.demo;

import io.hitch.api.Group;
import io.hitch.api.Peer;
import io.hitch.api.PeerDisconnected;
import io.hitch.api.Peers;
import io.hitch.api.RouteException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;

/** The chat demo's rooms: one Hitch group per room, named {@code chat.<room>}. */
@ApplicationScoped
public class ChatRooms {

    static final String NAME = "chat.name";
    private static final String PREFIX = "chat.";

    @Inject
    Peers peers;

    Group room(String room) {
        return peers.group(PREFIX + room.trim());
    }

    static boolean isIn(Peer peer, String room) {
        return peer.groups().contains(PREFIX + room.trim());
    }

    static String nameOf(Peer peer) {
        Object name = peer.attributes().get(NAME);
        return name == null ? "?" : name.toString();
    }

    static void requireMember(Peer peer, String room) {
        if (!isIn(peer, room)) {
            throw new RouteException("forbidden", "join room '" + room.trim() + "' first");
        }
    }

    Chat.Members members(String room) {
        List<Chat.Member> members = room(room).members().stream()
                .map(p -> new Chat.Member(p.id(), nameOf(p)))
                .sorted(Comparator.comparing(Chat.Member::name).thenComparing(Chat.Member::peer))
                .toList();
        return new Chat.Members(room.trim(), members);
    }

    // Changes go out as deltas, not member lists: a list per join would cost O(n^2) in a big room.

    /** Tells the others in the room that {@code peer} came. */
    void announceJoin(String room, Peer peer) {
        room(room).broadcast("chat.joined", new Chat.Joined(room.trim(), new Chat.Member(peer.id(), nameOf(peer))), peer);
    }

    /** Tells the remaining members that {@code peer} went. */
    void announceLeave(String room, Peer peer) {
        room(room).broadcast("chat.left", new Chat.Left(room.trim(), peer.id()));
    }

    void left(@Observes PeerDisconnected event) {
        event.peer().groups().stream().filter(g -> g.startsWith(PREFIX))
                .forEach(g -> announceLeave(g.substring(PREFIX.length()), event.peer()));
    }
}
