package io.hitch.dispatch;

import io.hitch.api.Peer;
import io.hitch.api.RouteException;
import io.hitch.api.RouteHandler;
import io.hitch.demo.Echo;
import io.hitch.demo.Greeting;
import io.hitch.demo.Hello;
import io.hitch.protocol.Frame;
import io.hitch.protocol.FrameDecoder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatcherTest {

    private static final long NO_TIMEOUT = 600_000;
    private static ValidatorFactory validation;

    private final FrameDecoder decoder = new FrameDecoder(64);
    private final FakeChannel channel = new FakeChannel();
    private final ArrayDeque<CompletableFuture<Object>> stages = new ArrayDeque<>();
    private final AtomicInteger slowCalls = new AtomicInteger();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger("io.hitch");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean usedParentHandlers;
    // Yasson logs SEVERE when a value cannot be serialized; those failures are expected here.
    private final Logger yasson = Logger.getLogger("org.eclipse.yasson");
    private Level yassonLevel;

    @BeforeAll
    static void startValidation() {
        // English messages whatever the machine's locale, so frames can be compared exactly.
        validation = Validation.byProvider(HibernateValidator.class).configure()
                .defaultLocale(Locale.ENGLISH).buildValidatorFactory();
    }

    @AfterAll
    static void stopValidation() {
        validation.close();
    }

    @BeforeEach
    void captureLog() {
        usedParentHandlers = log.getUseParentHandlers();
        log.setUseParentHandlers(false);
        log.addHandler(capture);
        yassonLevel = yasson.getLevel();
        yasson.setLevel(Level.OFF);
    }

    @AfterEach
    void restoreLog() {
        log.removeHandler(capture);
        log.setUseParentHandlers(usedParentHandlers);
        yasson.setLevel(yassonLevel);
    }

    /** The bean types CDI gives a class: the class, its interfaces (with type arguments), Object. */
    private static Set<Type> beanTypes(Class<?> beanClass) {
        Set<Type> types = new HashSet<>(Arrays.asList(beanClass.getGenericInterfaces()));
        types.add(beanClass);
        types.add(Object.class);
        return types;
    }

    @SuppressWarnings("unchecked")
    private static RouteEntry route(String name, Type input, boolean async, RouteHandler<?, ?> handler) {
        return new RouteEntry(name, (RouteHandler<Object, Object>) handler, input, Object.class, async,
                "bean test." + name);
    }

    private RouteTable routes() {
        return RouteTable.of(List.of(
                RouteEntry.of("hello", new Hello(), beanTypes(Hello.class), "bean io.hitch.demo.Hello"),
                RouteEntry.of("echo", new Echo(), beanTypes(Echo.class), "bean io.hitch.demo.Echo"),
                route("whoami", Void.class, false, (data, caller) -> caller.id()),
                route("nothing", Void.class, false, (data, caller) -> null),
                route("stock", Void.class, false, (data, caller) -> {
                    throw new RouteException("out_of_stock", "No x left").withDetails(Map.of("item", "x"));
                }),
                route("gone", Void.class, false, (data, caller) -> {
                    throw new RouteException("gone", null);
                }),
                route("conflict", Void.class, false, (data, caller) -> {
                    throw new RouteException("conflict", "already taken").withDetails(new Unserializable());
                }),
                route("boom", Void.class, false, (data, caller) -> {
                    throw new IllegalStateException("secret hunter2 at db.internal:5432");
                }),
                route("unwritable", Void.class, false, (data, caller) -> new Unserializable()),
                route("slow", JsonValue.class, true, (data, caller) -> {
                    slowCalls.incrementAndGet();
                    return stages.poll();
                })));
    }

    private Dispatcher dispatcher(int maxInFlight, long routeTimeoutMs) {
        return new Dispatcher(routes(), new Binder(JsonbBuilder.create()),
                new InputValidator(validation.getValidator()), new Incidents(), maxInFlight, routeTimeoutMs);
    }

    private final Dispatcher dispatcher = dispatcher(64, NO_TIMEOUT);

    private void send(Dispatcher to, String frame) {
        to.dispatch(channel, (Frame.Request) decoder.decode(frame));
    }

    private void send(String frame) {
        send(dispatcher, frame);
    }

    private CompletableFuture<Object> nextStage() {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        stages.add(stage);
        return stage;
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private void assertAllSlotsGivenBack() {
        assertEquals(0, channel.inFlight(), "requests still holding an in-flight slot");
        assertEquals(channel.started(), channel.ended(), "slots taken vs given back");
    }

    public static class Unserializable {
        public String getValue() {
            throw new IllegalStateException("not serializable");
        }
    }

    @Nested
    class Replies {

        @Test
        void aRequestWithAnIntegerIdIsAnsweredOnceWithTheSameId() {
            send("{\"route\":\"echo\",\"id\":7,\"data\":{\"a\":1}}");

            assertEquals("{\"re\":7,\"data\":{\"a\":1}}", channel.onlyFrame());
            assertEquals(1, channel.started());
            assertAllSlotsGivenBack();
        }

        @Test
        void aRequestWithAStringIdIsAnsweredWithTheSameId() {
            send("{\"route\":\"echo\",\"id\":\"req-\\\"1\\\"\",\"data\":\"x\"}");

            assertEquals("{\"re\":\"req-\\\"1\\\"\",\"data\":\"x\"}", channel.onlyFrame());
        }

        @Test
        void helloGreetsByName() {
            send("{\"route\":\"hello\",\"id\":1,\"data\":{\"name\":\"World\"}}");

            assertEquals("{\"re\":1,\"data\":{\"message\":\"Hello, World!\"}}", channel.onlyFrame());
        }

        @Test
        void theHandlerGetsTheChannelsPeerAsCaller() {
            send("{\"route\":\"whoami\",\"id\":1}");

            assertEquals("{\"re\":1,\"data\":\"peer-1\"}", channel.onlyFrame());
        }

        @Test
        void numbersBeyondDoublePrecisionAreEchoedExactly() {
            send("{\"route\":\"echo\",\"id\":1,\"data\":[12345678901234567890.12345678901234567890,"
                    + "123456789012345678901234567890]}");

            assertEquals("{\"re\":1,\"data\":[12345678901234567890.12345678901234567890,"
                    + "123456789012345678901234567890]}", channel.onlyFrame());
        }

        @Test
        void aTinyDecimalIsEchoedAsTheClientWroteIt() {
            send("{\"route\":\"echo\",\"id\":1,\"data\":-0.000000000000000000000000000001}");

            assertEquals("{\"re\":1,\"data\":-0.000000000000000000000000000001}", channel.onlyFrame());
        }

        @Test
        void dataAHandlerGivesBackUnchangedIsAnsweredWithTheTextThatCameIn() {
            send("{\"route\":\"echo\",\"id\":1,\"data\": { \"a\" : [1, 2.50] } }");

            assertEquals("{\"re\":1,\"data\":{ \"a\" : [1, 2.50] }}", channel.onlyFrame());
        }

        @Test
        void echoedDataWhoseTextIsNotAtHandIsWrittenFromTheTree() {
            dispatcher.dispatch(channel, new Frame.Request("echo", io.hitch.protocol.MessageId.of(1),
                    json("{\"a\" : 1}"), null));

            assertEquals("{\"re\":1,\"data\":{\"a\":1}}", channel.onlyFrame());
        }

        @Test
        void aHandlerReturningNullIsAnsweredWithNullData() {
            send("{\"route\":\"nothing\",\"id\":1}");

            assertEquals("{\"re\":1,\"data\":null}", channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void pingIsAnsweredWithTheServerTime() {
            long before = System.currentTimeMillis();
            send("{\"route\":\"hitch.ping\",\"id\":5}");
            long after = System.currentTimeMillis();

            Matcher m = Pattern.compile("\\{\"re\":5,\"data\":\\{\"pong\":(\\d+)\\}\\}").matcher(channel.onlyFrame());
            assertTrue(m.matches(), channel.onlyFrame());
            long pong = Long.parseLong(m.group(1));
            assertTrue(pong >= before && pong <= after, pong + " not in [" + before + ", " + after + "]");
            assertEquals(0, channel.started(), "ping takes no in-flight slot");
        }

        @Test
        void anUnknownRouteIsAnsweredUnknownRouteWithoutTakingASlot() {
            send("{\"route\":\"nope\",\"id\":1}");

            assertEquals("{\"re\":1,\"error\":{\"code\":\"unknown_route\",\"message\":\"no route named 'nope'\"}}",
                    channel.onlyFrame());
            assertEquals(0, channel.started());
        }

        @Test
        void builtInPushRoutesSentByAClientAreUnknownRoutes() {
            send("{\"route\":\"hitch.welcome\",\"id\":1}");
            send("{\"route\":\"hitch.error\",\"id\":2}");

            assertEquals(List.of(
                    "{\"re\":1,\"error\":{\"code\":\"unknown_route\",\"message\":\"no route named 'hitch.welcome'\"}}",
                    "{\"re\":2,\"error\":{\"code\":\"unknown_route\",\"message\":\"no route named 'hitch.error'\"}}"),
                    channel.sent());
        }

        @Test
        void aRouteNameThatBreaksTheGrammarIsAnUnknownRoute() {
            send("{\"route\":\"he llo\",\"id\":1}");

            assertEquals("{\"re\":1,\"error\":{\"code\":\"unknown_route\",\"message\":\"no route named 'he llo'\"}}",
                    channel.onlyFrame());
        }

        @Test
        void anUnknownRouteWithALongNameIsQuotedShortened() {
            String name = "r".repeat(100);
            send("{\"route\":\"" + name + "\",\"id\":1}");

            assertEquals("{\"re\":1,\"error\":{\"code\":\"unknown_route\",\"message\":\"no route named '"
                    + "r".repeat(64) + "...'\"}}", channel.onlyFrame());
        }
    }

    @Nested
    class InputValidation {

        @Test
        void aBlankNameIsAnsweredBadDataWithThePathAndMessage() {
            send("{\"route\":\"hello\",\"id\":2,\"data\":{\"name\":\"  \"}}");

            assertEquals("{\"re\":2,\"error\":{\"code\":\"bad_data\",\"message\":\"name: must not be blank\","
                    + "\"details\":[{\"path\":\"name\",\"message\":\"must not be blank\"}]}}", channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void aMissingNameIsAnsweredBadData() {
            send("{\"route\":\"hello\",\"id\":2,\"data\":{}}");

            assertEquals(json("[{\"path\":\"name\",\"message\":\"must not be blank\"}]"),
                    json(channel.onlyFrame()).asJsonObject().getJsonObject("error").get("details"));
        }

        @Test
        void aNameOf101CharactersIsAnsweredBadData() {
            send("{\"route\":\"hello\",\"id\":3,\"data\":{\"name\":\"" + "n".repeat(101) + "\"}}");

            assertEquals(json("{\"re\":3,\"error\":{\"code\":\"bad_data\",\"message\":\"name: size must be between 0"
                    + " and 100\",\"details\":[{\"path\":\"name\",\"message\":\"size must be between 0 and 100\"}]}}"),
                    json(channel.onlyFrame()));
        }

        @Test
        void aNameOf100CharactersIsGreeted() {
            String name = "n".repeat(100);
            send("{\"route\":\"hello\",\"id\":3,\"data\":{\"name\":\"" + name + "\"}}");

            assertEquals("{\"re\":3,\"data\":{\"message\":\"Hello, " + name + "!\"}}", channel.onlyFrame());
        }

        @Test
        void missingDataForARecordIsAnsweredBadDataWithoutDetails() {
            send("{\"route\":\"hello\",\"id\":4}");

            assertEquals("{\"re\":4,\"error\":{\"code\":\"bad_data\",\"message\":\"data is required\"}}",
                    channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void dataOfTheWrongShapeIsAnsweredBadDataNamingTheField() {
            send("{\"route\":\"hello\",\"id\":4,\"data\":{\"name\":{\"first\":\"Ann\"}}}");

            assertEquals(json("{\"re\":4,\"error\":{\"code\":\"bad_data\",\"message\":\"'name' has the wrong type or"
                    + " format\",\"details\":[{\"path\":\"name\",\"message\":\"wrong type or format\"}]}}"),
                    json(channel.onlyFrame()));
        }
    }

    @Nested
    class Notifications {

        @Test
        void aSuccessfulNotificationSendsNothingAndGivesItsSlotBack() {
            send("{\"route\":\"echo\",\"data\":{\"a\":1}}");

            assertEquals(List.of(), channel.sent());
            assertEquals(1, channel.started());
            assertAllSlotsGivenBack();
        }

        @Test
        void aPingNotificationSendsNothing() {
            send("{\"route\":\"hitch.ping\"}");

            assertEquals(List.of(), channel.sent());
        }

        @Test
        void aFailedNotificationIsReportedByAnErrorPushNamingTheRoute() {
            send("{\"route\":\"stock\"}");

            assertEquals("{\"route\":\"hitch.error\",\"data\":{\"code\":\"out_of_stock\",\"message\":\"No x left\","
                    + "\"details\":{\"item\":\"x\"},\"route\":\"stock\"}}", channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void aNotificationWithInvalidDataIsReportedByAnErrorPushNamingTheRoute() {
            send("{\"route\":\"hello\",\"data\":{\"name\":\"\"}}");

            assertEquals(json("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_data\",\"message\":\"name: must not"
                    + " be blank\",\"details\":[{\"path\":\"name\",\"message\":\"must not be blank\"}],"
                    + "\"route\":\"hello\"}}"), json(channel.onlyFrame()));
        }

        @Test
        void aNotificationToAnUnknownRouteIsReportedByAnErrorPushNamingTheRoute() {
            send("{\"route\":\"nope\"}");

            assertEquals("{\"route\":\"hitch.error\",\"data\":{\"code\":\"unknown_route\",\"message\":\"no route named"
                    + " 'nope'\",\"route\":\"nope\"}}", channel.onlyFrame());
        }
    }

    @Nested
    class Failures {

        @Test
        void aRouteExceptionIsAnsweredWithItsCodeMessageAndDetails() {
            send("{\"route\":\"stock\",\"id\":9}");

            assertEquals("{\"re\":9,\"error\":{\"code\":\"out_of_stock\",\"message\":\"No x left\","
                    + "\"details\":{\"item\":\"x\"}}}", channel.onlyFrame());
            assertAllSlotsGivenBack();
            assertEquals(List.of(), logged, "a RouteException is an answer, not an incident");
        }

        @Test
        void aRouteExceptionWithoutMessageIsAnsweredWithTheCodeAsMessage() {
            send("{\"route\":\"gone\",\"id\":9}");

            assertEquals("{\"re\":9,\"error\":{\"code\":\"gone\",\"message\":\"gone\"}}", channel.onlyFrame());
        }

        @Test
        void aRouteExceptionWithUnserializableDetailsIsStillAnsweredWithoutDetails() {
            send("{\"route\":\"conflict\",\"id\":9}");

            assertEquals("{\"re\":9,\"error\":{\"code\":\"conflict\",\"message\":\"already taken\"}}",
                    channel.onlyFrame());
            assertEquals(1, logged.size(), "the serialization failure is logged as an incident");
            assertAllSlotsGivenBack();
        }

        @Test
        void anUnexpectedExceptionIsAnsweredInternalWithAnIncidentAndNoExceptionText() {
            send("{\"route\":\"boom\",\"id\":9}");

            String frame = channel.onlyFrame();
            Matcher m = Pattern.compile("\\{\"re\":9,\"error\":\\{\"code\":\"internal\",\"message\":\"internal error"
                    + " \\(incident ([0-9a-f]{12})\\)\",\"details\":\\{\"incident\":\"([0-9a-f]{12})\"\\}\\}\\}")
                    .matcher(frame);
            assertTrue(m.matches(), frame);
            assertEquals(m.group(1), m.group(2));
            assertFalse(frame.contains("hunter2") || frame.contains("IllegalStateException")
                    || frame.contains("db.internal"), frame);
            assertAllSlotsGivenBack();
        }

        @Test
        void anUnexpectedExceptionIsLoggedWithTheIncidentPeerRouteAndException() {
            send("{\"route\":\"boom\",\"id\":9}");

            String incident = json(channel.onlyFrame()).asJsonObject().getJsonObject("error")
                    .getJsonObject("details").getString("incident");
            assertEquals(1, logged.size());
            LogRecord record = logged.get(0);
            assertTrue(record.getMessage().contains(incident), record.getMessage());
            assertTrue(record.getMessage().contains("peer-1"), record.getMessage());
            assertTrue(record.getMessage().contains("'boom'"), record.getMessage());
            assertEquals("secret hunter2 at db.internal:5432", record.getThrown().getMessage());
        }

        @Test
        void twoIncidentsHaveDifferentIds() {
            send("{\"route\":\"boom\",\"id\":1}");
            send("{\"route\":\"boom\",\"id\":2}");

            List<String> sent = channel.sent();
            String first = json(sent.get(0)).asJsonObject().getJsonObject("error").getJsonObject("details")
                    .getString("incident");
            String second = json(sent.get(1)).asJsonObject().getJsonObject("error").getJsonObject("details")
                    .getString("incident");
            assertFalse(first.equals(second), first);
        }

        @Test
        void aReplyThatCannotBeSerializedIsAnsweredInternal() {
            send("{\"route\":\"unwritable\",\"id\":9}");

            assertEquals("internal", json(channel.onlyFrame()).asJsonObject().getJsonObject("error").getString("code"));
            assertAllSlotsGivenBack();
        }
    }

    @Nested
    class Async {

        @Test
        void anAsyncRequestIsAnsweredWhenItsStageCompletesAndNotBefore() {
            CompletableFuture<Object> stage = nextStage();
            send("{\"route\":\"slow\",\"id\":1}");

            assertEquals(List.of(), channel.sent());
            assertEquals(1, channel.inFlight());

            stage.complete(new Greeting("later"));

            assertEquals("{\"re\":1,\"data\":{\"message\":\"later\"}}", channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void anAlreadyCompletedStageIsAnsweredAtOnce() {
            nextStage().complete(List.of(1, 2));
            send("{\"route\":\"slow\",\"id\":\"a\"}");

            assertEquals("{\"re\":\"a\",\"data\":[1,2]}", channel.onlyFrame());
        }

        @Test
        void aStageCompletingWithNullIsAnsweredWithNullData() {
            nextStage().complete(null);
            send("{\"route\":\"slow\",\"id\":1}");

            assertEquals("{\"re\":1,\"data\":null}", channel.onlyFrame());
        }

        @Test
        void aStageFailingWithARouteExceptionIsAnsweredWithItsCode() {
            CompletableFuture<Object> stage = nextStage();
            send("{\"route\":\"slow\",\"id\":1}");

            stage.completeExceptionally(new RouteException("unavailable", "try later"));

            assertEquals("{\"re\":1,\"error\":{\"code\":\"unavailable\",\"message\":\"try later\"}}",
                    channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void aRouteExceptionWrappedInACompletionExceptionIsUnwrapped() {
            CompletableFuture<Object> stage = nextStage();
            send("{\"route\":\"slow\",\"id\":1}");

            stage.completeExceptionally(new CompletionException(new RouteException("forbidden", "no")));

            assertEquals("{\"re\":1,\"error\":{\"code\":\"forbidden\",\"message\":\"no\"}}", channel.onlyFrame());
        }

        @Test
        void aStageFailingUnexpectedlyIsAnsweredInternal() {
            CompletableFuture<Object> stage = nextStage();
            send("{\"route\":\"slow\",\"id\":1}");

            stage.completeExceptionally(new IllegalArgumentException("secret hunter2"));

            JsonObject error = json(channel.onlyFrame()).asJsonObject().getJsonObject("error");
            assertEquals("internal", error.getString("code"));
            assertTrue(error.getJsonObject("details").containsKey("incident"));
            assertFalse(channel.onlyFrame().contains("hunter2"));
            assertAllSlotsGivenBack();
        }

        @Test
        void aFailedAsyncNotificationIsReportedByAnErrorPushNamingTheRoute() {
            CompletableFuture<Object> stage = nextStage();
            send("{\"route\":\"slow\"}");

            stage.completeExceptionally(new RouteException("unavailable", "try later"));

            assertEquals("{\"route\":\"hitch.error\",\"data\":{\"code\":\"unavailable\",\"message\":\"try later\","
                    + "\"route\":\"slow\"}}", channel.onlyFrame());
            assertAllSlotsGivenBack();
        }

        @Test
        void aNullStageIsAnsweredInternal() {
            send("{\"route\":\"slow\",\"id\":1}");

            assertEquals("internal", json(channel.onlyFrame()).asJsonObject().getJsonObject("error").getString("code"));
            assertAllSlotsGivenBack();
        }

        @Test
        void aStageThatDoesNotCompleteInTimeIsAnsweredTimeout() throws Exception {
            CompletableFuture<Object> stage = nextStage();
            send(dispatcher(64, 50), "{\"route\":\"slow\",\"id\":1}");

            assertEquals("{\"re\":1,\"error\":{\"code\":\"timeout\",\"message\":\"route 'slow' did not answer within"
                    + " 50 ms\"}}", channel.awaitFrame(1));
            assertTrue(channel.awaitNoneInFlight(), "the timed-out request gives its slot back");
            assertAllSlotsGivenBack();

            stage.complete("too late");

            assertEquals(1, channel.sent().size(), "a request is answered once");
            assertAllSlotsGivenBack();
        }

        @Test
        void aRequestBeyondMaxInFlightIsAnsweredOverloadedAndTheSlotIsReusedAfterTheAnswer() {
            Dispatcher limited = dispatcher(1, NO_TIMEOUT);
            CompletableFuture<Object> first = nextStage();

            send(limited, "{\"route\":\"slow\",\"id\":1}");
            send(limited, "{\"route\":\"slow\",\"id\":2}");

            assertEquals(List.of("{\"re\":2,\"error\":{\"code\":\"overloaded\",\"message\":\"more than 1 requests in"
                    + " flight on this connection: wait for answers before sending more\"}}"), channel.sent());
            assertEquals(1, slowCalls.get(), "the refused request never reaches the handler");

            first.complete("one");
            nextStage().complete("three");
            send(limited, "{\"route\":\"slow\",\"id\":3}");

            assertEquals(List.of("{\"re\":2,\"error\":{\"code\":\"overloaded\",\"message\":\"more than 1 requests in"
                            + " flight on this connection: wait for answers before sending more\"}}",
                    "{\"re\":1,\"data\":\"one\"}", "{\"re\":3,\"data\":\"three\"}"), channel.sent());
            assertAllSlotsGivenBack();
        }

        @Test
        void aNotificationAlsoCountsAgainstMaxInFlight() {
            Dispatcher limited = dispatcher(1, NO_TIMEOUT);
            nextStage();

            send(limited, "{\"route\":\"slow\"}");
            send(limited, "{\"route\":\"echo\",\"id\":2,\"data\":1}");

            assertEquals("{\"re\":2,\"error\":{\"code\":\"overloaded\",\"message\":\"more than 1 requests in flight on"
                    + " this connection: wait for answers before sending more\"}}", channel.onlyFrame());
        }

        @Test
        void aNotificationRefusedAsOverloadedGetsAnErrorPushNamingItsRoute() {
            Dispatcher limited = dispatcher(1, NO_TIMEOUT);
            nextStage();

            send(limited, "{\"route\":\"slow\",\"id\":1}");
            send(limited, "{\"route\":\"echo\",\"data\":1}");

            assertEquals("{\"route\":\"hitch.error\",\"data\":{\"code\":\"overloaded\",\"message\":\"more than 1"
                    + " requests in flight on this connection: wait for answers before sending more\",\"route\":\"echo\"}}",
                    channel.onlyFrame());
        }

        @Test
        void pingAndUnknownRoutesAreAnsweredEvenWhenOverloaded() {
            Dispatcher limited = dispatcher(1, NO_TIMEOUT);
            nextStage();

            send(limited, "{\"route\":\"slow\",\"id\":1}");
            send(limited, "{\"route\":\"hitch.ping\",\"id\":2}");
            send(limited, "{\"route\":\"nope\",\"id\":3}");

            List<String> sent = channel.sent();
            assertEquals(2, sent.size(), sent.toString());
            assertTrue(sent.get(0).startsWith("{\"re\":2,\"data\":{\"pong\":"), sent.get(0));
            assertTrue(sent.get(1).startsWith("{\"re\":3,\"error\":{\"code\":\"unknown_route\""), sent.get(1));
        }
    }

    @Test
    void theSameRequestTreeIsHandedToAJsonValueRoute() {
        JsonValue[] seen = new JsonValue[1];
        Dispatcher d = new Dispatcher(RouteTable.of(List.of(route("see", JsonValue.class, false,
                (JsonValue data, Peer caller) -> seen[0] = data))), new Binder(JsonbBuilder.create()),
                new InputValidator(validation.getValidator()), new Incidents(), 64, NO_TIMEOUT);
        Frame.Request request = (Frame.Request) decoder.decode("{\"route\":\"see\",\"id\":1,\"data\":{\"a\":[1]}}");

        d.dispatch(channel, request);

        assertSame(request.data(), seen[0]);
        assertEquals("{\"re\":1,\"data\":{\"a\":[1]}}", channel.onlyFrame());
    }
}
