package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** {@code chat.say}: every member of the room, the sender included, gets {@code chat.message}. */
@Route("chat.say")
@ApplicationScoped
public class ChatSay implements RouteHandler<Chat.Say, Chat.Said> {

    @Inject
    ChatRooms rooms;

    @Override
    public Chat.Said handle(Chat.Say say, Peer caller) {
        ChatRooms.requireMember(caller, say.room());
        Instant at = Instant.now();
        rooms.room(say.room()).broadcast("chat.message",
                new Chat.Message(say.room().trim(), caller.id(), ChatRooms.nameOf(caller), say.text(), at));
        return new Chat.Said(at);
    }
}
