package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code chat.leave}: leave a room; the others get {@code chat.left}. */
@Route("chat.leave")
@ApplicationScoped
public class ChatLeave implements RouteHandler<Chat.Leave, Chat.Leave> {

    @Inject
    ChatRooms rooms;

    @Override
    public Chat.Leave handle(Chat.Leave leave, Peer caller) {
        ChatRooms.requireMember(caller, leave.room());
        if (rooms.room(leave.room()).leave(caller)) {
            rooms.announceLeave(leave.room(), caller);
        }
        return new Chat.Leave(leave.room().trim());
    }
}
