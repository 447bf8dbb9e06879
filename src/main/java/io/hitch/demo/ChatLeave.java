package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code chat.leave}: leave a room; the others get the new member list. */
@Route("chat.leave")
@ApplicationScoped
public class ChatLeave implements RouteHandler<Chat.Leave, Chat.Leave> {

    @Inject
    ChatRooms rooms;

    @Override
    public Chat.Leave handle(Chat.Leave leave, Peer caller) {
        ChatRooms.requireMember(caller, leave.room());
        rooms.room(leave.room()).leave(caller);
        rooms.announce(leave.room());
        return new Chat.Leave(leave.room().trim());
    }
}
