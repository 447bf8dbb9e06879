package io.hitch.dispatch;

import io.hitch.api.Peer;
import io.hitch.api.RouteHandler;
import io.hitch.protocol.Frame;
import io.hitch.protocol.FrameDecoder;
import io.hitch.protocol.MessageId;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerTest {

    @Test
    void aRequestSentAsSoonAsTheAnswerArrivesFindsTheSlotFree() {
        FrameDecoder decoder = new FrameDecoder(64);
        CompletableFuture<Object> stage = new CompletableFuture<>();
        @SuppressWarnings("unchecked")
        RouteHandler<Object, Object> slow = (RouteHandler<Object, Object>) (RouteHandler<?, ?>) (d, c) -> stage;
        Dispatcher dispatcher = new Dispatcher(RouteTable.of(List.of(
                new RouteEntry("slow", slow, JsonValue.class, Object.class, true, "bean slow"),
                new RouteEntry("echo", (d, c) -> d, JsonValue.class, JsonValue.class, false, "bean echo"))),
                new Binder(JsonbBuilder.create()), new InputValidator(Validation.buildDefaultValidatorFactory().getValidator()),
                new Incidents(), 1, 600_000);
        List<String> sent = new ArrayList<>();
        Channel[] self = new Channel[1];
        FakeChannel counter = new FakeChannel();
        self[0] = new Channel() {
            public Peer peer() { return counter.peer(); }
            public boolean tryStartRequest(int limit) { return counter.tryStartRequest(limit); }
            public void endRequest() { counter.endRequest(); }
            public void send(String frame) {
                sent.add(frame);
                if (frame.equals("{\"re\":1,\"data\":\"one\"}")) {
                    // the client answers the reply at once with its next request
                    dispatcher.dispatch(self[0], (Frame.Request) decoder.decode("{\"route\":\"echo\",\"id\":2,\"data\":2}"));
                }
            }
        };
        dispatcher.dispatch(self[0], (Frame.Request) decoder.decode("{\"route\":\"slow\",\"id\":1}"));

        stage.complete("one");

        assertEquals(List.of("{\"re\":1,\"data\":\"one\"}", "{\"re\":2,\"data\":2}"), sent);
    }

    @Test
    void theFirstAnswerWinsAndLaterOnesAreIgnored() {
        FakeChannel channel = new FakeChannel();
        List<String> codes = new ArrayList<>();
        Answer answer = Answer.to(channel, MessageId.of(3), "echo");
        answer.onDone(codes::add);

        assertTrue(answer.error("timeout", "too slow", null));
        assertFalse(answer.data("1"));
        assertFalse(answer.error("internal", "again", null));

        assertEquals(List.of("{\"re\":3,\"error\":{\"code\":\"timeout\",\"message\":\"too slow\"}}"), channel.sent());
        assertEquals(List.of("timeout"), codes);
    }
}
