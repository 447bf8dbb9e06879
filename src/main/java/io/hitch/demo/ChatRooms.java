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

    /** Tells everyone in the room who is in it now. */
    Chat.Members announce(String room) {
        Chat.Members members = members(room);
        room(room).broadcast("chat.members", members);
        return members;
    }

    void left(@Observes PeerDisconnected event) {
        event.peer().groups().stream().filter(g -> g.startsWith(PREFIX))
                .forEach(g -> announce(g.substring(PREFIX.length())));
    }
}
