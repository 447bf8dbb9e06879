package io.hitch.demo;

import io.hitch.api.Peer;
import io.hitch.api.Peers;
import io.hitch.api.Route;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * {@code chat.poke}: the server asks another member's client (a server-to-client request) and
 * answers the caller with that client's reply.
 */
@Route("chat.poke")
@ApplicationScoped
public class ChatPoke implements RouteHandler<Chat.Poke, CompletionStage<JsonValue>> {

    @Inject
    Peers peers;

    @Override
    public CompletionStage<JsonValue> handle(Chat.Poke poke, Peer caller) {
        Peer target = peers.find(poke.peer()).orElseThrow(() ->
                new RouteException("unavailable", "that member has left"));
        boolean shareARoom = caller.groups().stream().anyMatch(g -> g.startsWith("chat.") && target.groups().contains(g));
        if (!shareARoom) {
            throw new RouteException("forbidden", "you can only poke members of your rooms");
        }
        return target.request("chat.poke", new Chat.Poked(caller.id(), ChatRooms.nameOf(caller)),
                JsonValue.class, Duration.ofSeconds(10));
    }
}
