package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code chat.join}: enter a room under a name; everyone in it gets the new member list. */
@Route("chat.join")
@ApplicationScoped
public class ChatJoin implements RouteHandler<Chat.Join, Chat.Members> {

    @Inject
    ChatRooms rooms;

    @Override
    public Chat.Members handle(Chat.Join join, Peer caller) {
        caller.attributes().put(ChatRooms.NAME, join.name().trim());
        rooms.room(join.room()).join(caller);
        return rooms.announce(join.room());
    }
}
