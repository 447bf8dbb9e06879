package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.api.RouteException;
import io.hitch.dispatch.HitchRuntime;
import io.hitch.peers.PeerRegistry;
import io.hitch.peers.PeerSession;
import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.MessageId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/** What an operator can do, each action logged with the operator's user name. */
@ApplicationScoped
public class Operations {

    private static final Logger LOG = Logger.getLogger("io.hitch.manager");

    @Inject
    PeerRegistry peers;
    @Inject
    HitchRuntime runtime;

    // A peer of another node is closed there, through the backplane, as Peer.close does.
    Console.Done disconnect(ManagerSession operator, Console.Disconnect request) {
        String reason = request.reason() == null || request.reason().isBlank() ? "disconnected by an operator"
                : request.reason();
        PeerSession local = peers.session(request.peer());
        String node = local == null ? nodeOf(request.peer()) : null;
        String where = request.peer() + (node == null ? "" : " on node " + node);
        LOG.info(() -> "Operator " + operator.user() + " disconnected peer " + printable(where) + " (" + printable(reason) + ")");
        if (local != null) {
            local.close(4000, reason);
        } else {
            peers.elsewhere().close(node, request.peer(), 4000, reason);
        }
        return new Console.Done(true, "disconnected " + where);
    }

    Console.Done push(ManagerSession operator, Console.Push request) {
        JsonValue data = request.data() == null ? JsonValue.NULL : request.data();
        String where;
        switch (request.target()) {
            case "peer" -> {
                PeerSession local = peers.session(request.peer());
                if (local != null) {
                    local.push(request.route(), data);
                    where = "peer " + request.peer();
                } else {
                    String node = nodeOf(request.peer());
                    if (!peers.push(request.peer(), request.route(), data)) {
                        throw gone(request.peer());
                    }
                    where = "peer " + request.peer() + " on node " + node;
                }
            }
            case "group" -> {
                if (request.group() == null || request.group().isBlank()) {
                    throw new RouteException("bad_data", "name the group");
                }
                peers.group(request.group()).broadcast(request.route(), data);
                where = "group " + request.group();
            }
            default -> {
                peers.broadcast(request.route(), data);
                where = "every peer";
            }
        }
        LOG.info(() -> "Operator " + operator.user() + " pushed '" + printable(request.route()) + "' to " + printable(where));
        return new Console.Done(true, "pushed to " + where);
    }

    Console.Done membership(ManagerSession operator, Console.Membership request, boolean join) {
        PeerSession peer = peer(request.peer());
        boolean changed = join ? peers.group(request.group()).join(peer) : peers.group(request.group()).leave(peer);
        LOG.info(() -> "Operator " + operator.user() + (join ? " added peer " : " removed peer ") + peer.id()
                + (join ? " to" : " from") + " group " + printable(request.group()));
        return new Console.Done(changed, (changed ? "" : "no change: ") + peer.id() + (join ? " in " : " not in ")
                + request.group());
    }

    // The request runs through the application's own dispatcher, as the operator's connection.
    CompletionStage<JsonValue> call(ManagerSession operator, Console.Call request) {
        LOG.info(() -> "Operator " + operator.user() + " sent a test request to '" + printable(request.route()) + "'");
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        Probe probe = new Probe(operator, frame -> {
            try (var reader = Json.createReader(new StringReader(frame))) {
                answer.complete(reader.readValue());
            }
        });
        String data = request.data() == null ? null : request.data().toString();
        runtime.inbound().onText(probe, FrameEncoder.request(request.route(), MessageId.of(1), data));
        return answer;
    }

    // Operator-supplied text goes into the audit log: no line break or other control character.
    private static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "?");
    }

    // Group membership is held by the peer's own node, and no backplane message changes it there.
    private PeerSession peer(String id) {
        PeerSession peer = peers.session(id);
        if (peer == null) {
            String node = nodeOf(id);
            throw new RouteException(Console.ON_ANOTHER_NODE, "peer " + id + " is connected to node " + node
                    + ": its groups can be changed only by a console connected to that node");
        }
        return peer;
    }

    private String nodeOf(String id) {
        return peers.elsewhere().nodeOf(id).orElseThrow(() -> gone(id));
    }

    private static RouteException gone(String id) {
        return new RouteException("unavailable", "no peer " + id + " is connected");
    }

    /** A connection that exists for one test request and hands its answer back. */
    private record Probe(Peer peer, java.util.function.Consumer<String> answer)
            implements io.hitch.dispatch.Channel {
        @Override
        public void send(String frame) {
            answer.accept(frame);
        }

        @Override
        public boolean tryStartRequest(int limit) {
            return true;
        }

        @Override
        public void endRequest() {
        }
    }
}
