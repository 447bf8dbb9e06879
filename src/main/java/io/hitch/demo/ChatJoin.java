package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code chat.join}: enter a room under a name; the reply lists the members, the others get {@code chat.joined}. */
@Route("chat.join")
@ApplicationScoped
public class ChatJoin implements RouteHandler<Chat.Join, Chat.Members> {

    @Inject
    ChatRooms rooms;

    @Override
    public Chat.Members handle(Chat.Join join, Peer caller) {
        caller.attributes().put(ChatRooms.NAME, join.name().trim());
        if (rooms.room(join.room()).join(caller)) {
            rooms.announceJoin(join.room(), caller);
        }
        return rooms.members(join.room());
    }
}
