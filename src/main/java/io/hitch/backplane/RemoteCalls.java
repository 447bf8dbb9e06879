package io.hitch.backplane;

import io.hitch.api.RouteException;
import io.hitch.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Requests to a client on another node (a relay) and their answers, over the bus: {@code Q} asks the
 * target's node, which asks its client and sends {@code A} back to the asking node. Every request
 * ends exactly once: with the answer, the target node's own timeout or unavailable, or this node's
 * timeout if the answer never comes.
 */
final class RemoteCalls {

    private final String nodeId;
    private final Consumer<String> bus;
    private final Map<String, CompletableFuture<JsonValue>> pending = new ConcurrentHashMap<>();

    RemoteCalls(String nodeId, Consumer<String> bus) {
        this.nodeId = nodeId;
        this.bus = bus;
    }

    CompletableFuture<JsonValue> ask(String node, String peerId, String route, String dataJson, String from,
                                     Duration timeout, boolean answerWanted) {
        String id = UUID.randomUUID().toString();
        JsonObjectBuilder question = Json.createObjectBuilder().add("c", id).add("o", nodeId).add("t", node)
                .add("p", peerId).add("r", route).add("ms", timeout.toMillis()).add("n", !answerWanted);
        if (from != null) {
            question.add("f", from);
        }
        if (dataJson != null) {
            question.add("d", dataJson);
        }
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        if (answerWanted) {
            pending.put(id, answer);
            // A little longer than the target's own timeout, whose answer should come first.
            answer.orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).whenComplete((value, error) -> pending.remove(id));
        } else {
            answer.complete(JsonValue.NULL);
        }
        bus.accept("Q" + question.build());
        return answer.exceptionallyCompose(error -> CompletableFuture.failedFuture(
                unwrap(error) instanceof java.util.concurrent.TimeoutException ? new RouteException(ErrorCode.TIMEOUT,
                        "peer " + peerId + " did not answer '" + route + "' within " + timeout.toMillis() + " ms") : unwrap(error)));
    }

    /** Handles a question for this node's client, or an answer to this node's question. */
    void receive(String message, Backplane.Deliveries deliveries) {
        JsonObject body = Json.createReader(new StringReader(message.substring(1))).readObject();
        if (message.charAt(0) == 'Q' && nodeId.equals(body.getString("t"))) {
            answer(body, deliveries);
        } else if (message.charAt(0) == 'A' && nodeId.equals(body.getString("o"))) {
            CompletableFuture<JsonValue> waiting = pending.remove(body.getString("c"));
            if (waiting != null) {
                if (body.containsKey("error")) {
                    JsonObject error = body.getJsonObject("error");
                    waiting.completeExceptionally(new RouteException(error.getString("code"), error.getString("message"))
                            .withDetails(error.get("details")));
                } else {
                    waiting.complete(body.get("data"));
                }
            }
        }
    }

    private void answer(JsonObject question, Backplane.Deliveries deliveries) {
        boolean notification = question.getBoolean("n", false);
        deliveries.asked(question.getString("p"), question.getString("r"), question.getString("d", null),
                question.getString("f", null), Duration.ofMillis(question.getJsonNumber("ms").longValue()), !notification)
                .whenComplete((value, error) -> {
                    if (notification) {
                        return;
                    }
                    JsonObjectBuilder answer = Json.createObjectBuilder().add("c", question.getString("c"))
                            .add("o", question.getString("o"));
                    if (error == null) {
                        answer.add("data", value == null ? JsonValue.NULL : value);
                    } else {
                        Throwable cause = unwrap(error);
                        RouteException failure = cause instanceof RouteException e ? e
                                : new RouteException(ErrorCode.INTERNAL, "the peer's node failed to ask it");
                        JsonObjectBuilder body = Json.createObjectBuilder().add("code", failure.code())
                                .add("message", failure.getMessage());
                        if (failure.details() instanceof JsonValue details) {
                            body.add("details", details);
                        }
                        answer.add("error", body);
                    }
                    bus.accept("A" + answer.build());
                });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
