package io.hitch.peers;

import io.hitch.api.RouteException;
import io.hitch.protocol.Frame;
import io.hitch.protocol.MessageId;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundRequestsTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    private final OutboundRequests requests = new OutboundRequests();

    @Test
    void idsAreIntegersCountingUpFromOne() {
        assertEquals(MessageId.of(1), open(LONG).id());
        assertEquals(MessageId.of(2), open(LONG).id());
        assertEquals(MessageId.of(3), open(LONG).id());
        assertEquals(3, requests.size());
    }

    @Test
    void aReplyCompletesTheRequestWithItsData() throws Exception {
        OutboundRequests.Pending pending = open(LONG);
        JsonValue data = Json.createObjectBuilder().add("yes", true).build();

        assertTrue(requests.answer(new Frame.Reply(pending.id(), data)));

        assertSame(data, pending.answer().get(5, TimeUnit.SECONDS));
        assertEquals(0, requests.size(), "an answered request is no longer waiting");
    }

    @Test
    void aRequestIsAnsweredOnlyOnceAndASecondAnswerIsRefused() throws Exception {
        OutboundRequests.Pending pending = open(LONG);

        assertTrue(requests.answer(new Frame.Reply(pending.id(), Json.createValue("first"))));
        assertFalse(requests.answer(new Frame.Reply(pending.id(), Json.createValue("second"))));
        assertFalse(requests.answer(errorReply(pending.id(), "nope", "too late", null)));

        assertEquals(Json.createValue("first"), pending.answer().get(5, TimeUnit.SECONDS));
    }

    @Test
    void anAnswerGoesToTheRequestWithItsIdOnly() throws Exception {
        OutboundRequests.Pending first = open(LONG);
        OutboundRequests.Pending second = open(LONG);

        assertTrue(requests.answer(new Frame.Reply(second.id(), Json.createValue(2))));

        assertEquals(Json.createValue(2), second.answer().get(5, TimeUnit.SECONDS));
        assertFalse(first.answer().isDone());
        assertEquals(1, requests.size());
    }

    @Test
    void anErrorReplyFailsTheRequestWithARouteExceptionCarryingCodeMessageAndDetails() {
        OutboundRequests.Pending pending = open(LONG);
        JsonValue details = Json.createObjectBuilder().add("item", "tea").build();

        assertTrue(requests.answer(errorReply(pending.id(), "out_of_stock", "No tea left", details)));

        RouteException error = failure(pending.answer());
        assertEquals("out_of_stock", error.code());
        assertEquals("No tea left", error.getMessage());
        assertEquals(details, error.details());
    }

    @Test
    void anErrorReplyWithoutDetailsHasNullDetails() {
        OutboundRequests.Pending pending = open(LONG);

        requests.answer(errorReply(pending.id(), "nope", "no", null));

        assertNull(failure(pending.answer()).details());
    }

    @Test
    void anErrorReplyWithAnInvalidCodeFailsWithBadFrame() {
        OutboundRequests.Pending upper = open(LONG);
        OutboundRequests.Pending spaced = open(LONG);
        OutboundRequests.Pending digit = open(LONG);

        requests.answer(errorReply(upper.id(), "Nope", "upper case", null));
        requests.answer(errorReply(spaced.id(), "no way", "a space", null));
        requests.answer(errorReply(digit.id(), "1st", "starts with a digit", null));

        assertEquals("bad_frame", failure(upper.answer()).code());
        assertEquals("bad_frame", failure(spaced.answer()).code());
        assertEquals("bad_frame", failure(digit.answer()).code());
    }

    @Test
    void aRequestNotAnsweredInTimeFailsWithTheGivenTimeoutException() {
        RouteException onTimeout = new RouteException("timeout", "did not answer");
        OutboundRequests.Pending pending = requests.open(Duration.ofMillis(50), onTimeout);

        assertSame(onTimeout, failure(pending.answer()));
    }

    @Test
    void aLateAnswerDoesNotChangeTheOutcomeOfATimedOutRequest() {
        RouteException onTimeout = new RouteException("timeout", "did not answer");
        OutboundRequests.Pending pending = requests.open(Duration.ofMillis(20), onTimeout);
        failure(pending.answer());

        requests.answer(new Frame.Reply(pending.id(), JsonValue.TRUE));

        assertSame(onTimeout, failure(pending.answer()));
    }

    @Test
    void anAnswerArrivingJustAsTheRequestTimesOutIsRefused() throws Exception {
        // Holds the timer thread right after the request failed with its timeout, before any
        // bookkeeping that follows, and answers in that moment: the answer came too late and must
        // be refused, so that the client gets its bad_frame push instead of being silently ignored.
        java.util.concurrent.CountDownLatch timedOut = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        OutboundRequests.Pending pending = requests.open(Duration.ofMillis(20),
                new RouteException("timeout", "did not answer"));
        pending.answer().whenComplete((value, error) -> {
            timedOut.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(timedOut.await(5, TimeUnit.SECONDS));

        boolean accepted;
        try {
            accepted = requests.answer(new Frame.Reply(pending.id(), JsonValue.TRUE));
        } finally {
            release.countDown();
        }

        assertFalse(accepted, "an answer to a request that already timed out was reported as delivered");
    }

    @Test
    void aZeroTimeoutStillTimesOutRatherThanWaitingForever() {
        RouteException onTimeout = new RouteException("timeout", "did not answer");

        assertSame(onTimeout, failure(requests.open(Duration.ZERO, onTimeout).answer()));
    }

    @Test
    void closeFailsEveryWaitingRequestWithUnavailable() {
        OutboundRequests.Pending first = open(LONG);
        OutboundRequests.Pending second = open(LONG);

        requests.close();

        assertEquals("unavailable", failure(first.answer()).code());
        assertEquals("unavailable", failure(second.answer()).code());
        assertEquals(0, requests.size());
    }

    @Test
    void anAnswerAfterCloseIsRefused() {
        OutboundRequests.Pending pending = open(LONG);
        requests.close();

        assertFalse(requests.answer(new Frame.Reply(pending.id(), JsonValue.TRUE)));
        assertEquals("unavailable", failure(pending.answer()).code());
    }

    @Test
    void aRequestOpenedAfterCloseFailsAtOnceWithUnavailable() {
        requests.close();

        OutboundRequests.Pending pending = open(LONG);

        assertTrue(pending.answer().isDone(), "no need to wait: nobody can answer");
        assertEquals("unavailable", failure(pending.answer()).code());
        assertEquals(0, requests.size());
    }

    @Test
    void aRequestOpenedWhileTheConnectionClosesFailsWithUnavailableInsteadOfWaitingOutItsTimeout() throws Exception {
        // open() and close() race on two threads, released together many times; whichever wins,
        // the request must end at once (it was either failed by close or refused after it).
        int rounds = 5_000;
        OutboundRequests[] connections = new OutboundRequests[rounds];
        for (int i = 0; i < rounds; i++) {
            connections[i] = new OutboundRequests();
        }
        OutboundRequests.Pending[] opened = new OutboundRequests.Pending[rounds];
        java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();
        Thread closer = new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                arrived.incrementAndGet();
                while (arrived.get() < 2 * (i + 1)) {
                    Thread.onSpinWait();
                }
                connections[i].close();
            }
        });
        closer.start();
        for (int i = 0; i < rounds; i++) {
            arrived.incrementAndGet();
            while (arrived.get() < 2 * (i + 1)) {
                Thread.onSpinWait();
            }
            opened[i] = connections[i].open(LONG, new RouteException("timeout", "did not answer"));
        }
        closer.join(TimeUnit.SECONDS.toMillis(60));

        long stuck = java.util.Arrays.stream(opened).filter(p -> !p.answer().isDone()).count();
        assertEquals(0, stuck, stuck + " of " + rounds + " requests opened during close are left waiting "
                + "for their timeout, though nobody can answer them any more");
    }

    @Test
    void anAnswerToAnIdThatWasNeverSentIsRefused() {
        OutboundRequests.Pending pending = open(LONG);

        assertFalse(requests.answer(new Frame.Reply(MessageId.of(99), JsonValue.TRUE)));
        assertFalse(requests.answer(errorReply(MessageId.of(0), "nope", "no", null)));

        assertFalse(pending.answer().isDone());
    }

    @Test
    void aStringIdNeverMatchesTheIntegerIdWithTheSameDigits() {
        OutboundRequests.Pending pending = open(LONG);

        assertFalse(requests.answer(new Frame.Reply(MessageId.of("1"), JsonValue.TRUE)));
        assertFalse(requests.answer(errorReply(MessageId.of("1"), "nope", "no", null)));

        assertFalse(pending.answer().isDone());
        assertTrue(requests.answer(new Frame.Reply(MessageId.of(1), JsonValue.TRUE)));
    }

    private OutboundRequests.Pending open(Duration timeout) {
        return requests.open(timeout, new RouteException("timeout", "did not answer"));
    }

    private static Frame.ErrorReply errorReply(MessageId re, String code, String message, JsonValue details) {
        return new Frame.ErrorReply(re, new Frame.ErrorBody(code, message, details));
    }

    private static RouteException failure(CompletableFuture<JsonValue> answer) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(RouteException.class, e.getCause());
    }
}
