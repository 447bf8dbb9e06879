package io.hitch.peers;

import io.hitch.api.RouteException;
import io.hitch.dispatch.Binder;
import io.hitch.dispatch.BindingException;
import io.hitch.protocol.ErrorCode;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Peers connected to other nodes, reached through the backplane: where they are, asking them,
 * relaying to them and closing them. Without a backplane shared between nodes there are none.
 */
public final class Elsewhere {

    // Null when recovery is off: then there is no backplane, and no other node.
    private final Recovery recovery;
    private final Binder binder;

    Elsewhere(Recovery recovery, Binder binder) {
        this.recovery = recovery;
        this.binder = binder;
    }

    /** @return the node another peer is connected to, when a backplane shares peers between nodes */
    public Optional<String> nodeOf(String peerId) {
        return recovery == null || peerId == null ? Optional.empty() : recovery.backplane().locate(peerId)
                .filter(node -> !node.equals(recovery.backplane().nodeId()));
    }

    /** Asks the node of a peer that is not on this one to close it; it closes there, after this returns. */
    public void close(String node, String peerId, int code, String reason) {
        recovery.backplane().disconnect(node, peerId, code, reason);
    }

    /** Asks a client on another node, as {@link PeerSession#request} asks one of this node. */
    <T> CompletionStage<T> request(RemotePeer peer, String route, Object data, Class<T> replyType, Duration timeout) {
        return ask(peer.node(), peer.id(), route, binder.toJson(data), null, timeout, true).thenApply(reply -> {
            try {
                return replyType.cast(binder.bind(reply, replyType));
            } catch (BindingException e) {
                throw new RouteException(ErrorCode.BAD_DATA,
                        "the client's reply does not fit " + replyType.getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    /** Relays a request (or a notification) to a peer on another node. */
    CompletableFuture<JsonValue> ask(String node, String peerId, String route, String dataJson, String from,
                                     Duration timeout, boolean answerWanted) {
        return recovery.backplane().ask(node, peerId, route, dataJson, from, timeout, answerWanted);
    }
}
