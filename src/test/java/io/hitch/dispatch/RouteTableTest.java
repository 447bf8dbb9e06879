package io.hitch.dispatch;

import io.hitch.api.Peer;
import io.hitch.api.RouteHandler;
import io.hitch.demo.Greeting;
import io.hitch.demo.HelloRequest;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    private static final RouteHandler<Object, Object> ECHO = (data, caller) -> data;

    private static RouteEntry entry(String name, String source) {
        return new RouteEntry(name, ECHO, JsonValue.class, JsonValue.class, false, source);
    }

    /** The bean types CDI gives a class: the class, its interfaces (with type arguments), Object. */
    private static Set<Type> beanTypes(Class<?> beanClass) {
        Set<Type> types = new HashSet<>(Arrays.asList(beanClass.getGenericInterfaces()));
        types.add(beanClass);
        types.add(Object.class);
        return types;
    }

    @Nested
    class Table {

        @Test
        void routesAreFoundByName() {
            RouteEntry echo = entry("echo", "bean a.Echo");
            RouteTable table = RouteTable.of(List.of(echo, entry("chat.send", "bean a.Chat")));

            assertSame(echo, table.find("echo"));
            assertNull(table.find("missing"));
        }

        @Test
        void namesAreSorted() {
            RouteTable table = RouteTable.of(List.of(entry("zeta", "bean a.Z"), entry("alpha.b", "bean a.B"),
                    entry("Beta", "bean a.C"), entry("alpha", "bean a.A")));

            assertEquals(List.of("Beta", "alpha", "alpha.b", "zeta"), table.names());
            assertEquals(table.names(), table.entries().stream().map(RouteEntry::name).toList());
        }

        @Test
        void anEmptyTableHasNoNames() {
            assertEquals(List.of(), RouteTable.of(List.of()).names());
        }

        @Test
        void theTableIsNotChangedByLaterChangesToTheGivenList() {
            List<RouteEntry> entries = new ArrayList<>(List.of(entry("echo", "bean a.Echo")));
            RouteTable table = RouteTable.of(entries);

            entries.add(entry("late", "bean a.Late"));

            assertEquals(List.of("echo"), table.names());
            assertThrows(UnsupportedOperationException.class, () -> table.names().add("x"));
        }

        @Test
        void aDuplicateNameFailsNamingBothBeansAndTheFix() {
            RouteTableException e = assertThrows(RouteTableException.class, () -> RouteTable.of(List.of(
                    entry("chat.send", "bean com.acme.ChatA"), entry("chat.send", "bean com.acme.ChatB"))));

            assertEquals("Route 'chat.send' is served by two beans: bean com.acme.ChatA and bean com.acme.ChatB."
                    + " Rename one of them with @Route(\"...\") or remove it", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a..b", "a b", ".a", "a.", "chat/send", "é"})
        void anInvalidNameFailsNamingTheBean(String name) {
            RouteTableException e = assertThrows(RouteTableException.class,
                    () -> RouteTable.of(List.of(entry(name, "bean com.acme.Bad"))));

            assertEquals("Route name '" + name + "' on bean com.acme.Bad is invalid: use dot-separated segments of"
                    + " letters, digits, '_' and '-', at most 128 characters (e.g. 'chat.send')", e.getMessage());
        }

        @Test
        void aNameOf128CharactersIsValid() {
            String name = "a".repeat(128);

            assertEquals(List.of(name), RouteTable.of(List.of(entry(name, "bean a.Long"))).names());
        }

        @Test
        void aNameOf129CharactersFails() {
            String name = "a".repeat(129);

            RouteTableException e = assertThrows(RouteTableException.class,
                    () -> RouteTable.of(List.of(entry(name, "bean com.acme.Long"))));

            assertTrue(e.getMessage().startsWith("Route name '" + name + "' on bean com.acme.Long is invalid"),
                    e.getMessage());
        }

        @Test
        void aNameInTheReservedHitchNamespaceFailsNamingTheBean() {
            RouteTableException e = assertThrows(RouteTableException.class,
                    () -> RouteTable.of(List.of(entry("hitch.x", "bean com.acme.Sneaky"))));

            assertEquals("Route name 'hitch.x' on bean com.acme.Sneaky uses the reserved prefix 'hitch.': rename the"
                    + " route", e.getMessage());
        }

        @Test
        void theNameHitchWithoutADotIsNotReserved() {
            assertEquals(List.of("hitch", "hitchhiker"), RouteTable.of(List.of(entry("hitchhiker", "bean a.H"),
                    entry("hitch", "bean a.I"))).names());
        }

        @Test
        void everyProblemIsReportedAtOnceSorted() {
            RouteTableException e = assertThrows(RouteTableException.class, () -> RouteTable.of(List.of(
                    entry("hitch.ping", "bean a.P"), entry("ok", "bean a.O1"), entry("a b", "bean a.S"),
                    entry("ok", "bean a.O2"))));

            List<String> lines = e.getMessage().lines().toList();
            assertEquals(3, lines.size(), e.getMessage());
            assertTrue(lines.get(0).startsWith("Route 'ok' is served by two beans: bean a.O1 and bean a.O2"), lines.get(0));
            assertTrue(lines.get(1).startsWith("Route name 'a b' on bean a.S is invalid"), lines.get(1));
            assertTrue(lines.get(2).startsWith("Route name 'hitch.ping' on bean a.P uses the reserved prefix"),
                    lines.get(2));
        }
    }

    static final class JsonRoute implements RouteHandler<JsonValue, JsonValue> {
        @Override
        public JsonValue handle(JsonValue data, Peer caller) {
            return data;
        }
    }

    static final class StageRoute implements RouteHandler<HelloRequest, CompletionStage<Greeting>> {
        @Override
        public CompletionStage<Greeting> handle(HelloRequest data, Peer caller) {
            return CompletableFuture.completedFuture(new Greeting("hi"));
        }
    }

    static final class FutureRoute implements RouteHandler<List<String>, CompletableFuture<Map<String, Integer>>> {
        @Override
        public CompletableFuture<Map<String, Integer>> handle(List<String> data, Peer caller) {
            return CompletableFuture.completedFuture(Map.of());
        }
    }

    static final class GenericRoute<T> implements RouteHandler<T, String> {
        @Override
        public String handle(T data, Peer caller) {
            return "";
        }
    }

    static final class WildcardRoute implements RouteHandler<List<?>, String> {
        @Override
        public String handle(List<?> data, Peer caller) {
            return "";
        }
    }

    @SuppressWarnings("rawtypes")
    static final class RawRoute implements RouteHandler {
        @Override
        public Object handle(Object data, Peer caller) {
            return data;
        }
    }

    static final class NotARoute {
    }

    @Nested
    class Entries {

        @Test
        void inputAndReplyTypesComeFromTheRouteHandlerBeanType() {
            JsonRoute handler = new JsonRoute();
            RouteEntry e = RouteEntry.of("echo", handler, beanTypes(JsonRoute.class), "bean a.JsonRoute");

            assertEquals("echo", e.name());
            assertSame(handler, e.handler());
            assertEquals(JsonValue.class, e.inputType());
            assertEquals(JsonValue.class, e.replyType());
            assertFalse(e.async());
            assertEquals("bean a.JsonRoute", e.source());
        }

        @Test
        void aCompletionStageReplyIsAsyncWithItsValueTypeAsReplyType() {
            RouteEntry e = RouteEntry.of("hello", new StageRoute(), beanTypes(StageRoute.class), "bean a.Stage");

            assertTrue(e.async());
            assertEquals(HelloRequest.class, e.inputType());
            assertEquals(Greeting.class, e.replyType());
        }

        @Test
        void aCompletableFutureReplyIsAsyncAndKeepsGenericTypes() {
            RouteEntry e = RouteEntry.of("f", new FutureRoute(), beanTypes(FutureRoute.class), "bean a.Future");

            assertTrue(e.async());
            ParameterizedType input = (ParameterizedType) e.inputType();
            assertEquals(List.class, input.getRawType());
            assertEquals(String.class, input.getActualTypeArguments()[0]);
            ParameterizedType reply = (ParameterizedType) e.replyType();
            assertEquals(Map.class, reply.getRawType());
            assertEquals(List.of(String.class, Integer.class), List.of(reply.getActualTypeArguments()));
        }

        @Test
        void aTypeVariableIsRefused() {
            RouteTableException e = assertThrows(RouteTableException.class, () -> RouteEntry.of("g",
                    new GenericRoute<String>(), beanTypes(GenericRoute.class), "bean a.Generic"));

            assertTrue(e.getMessage().startsWith("Route 'g' on bean a.Generic declares "), e.getMessage());
            assertTrue(e.getMessage().endsWith(": I and O must be concrete types, not type variables or wildcards"),
                    e.getMessage());
        }

        @Test
        void aWildcardIsRefused() {
            RouteTableException e = assertThrows(RouteTableException.class, () -> RouteEntry.of("w",
                    new WildcardRoute(), beanTypes(WildcardRoute.class), "bean a.Wildcard"));

            assertTrue(e.getMessage().contains("not type variables or wildcards"), e.getMessage());
        }

        @Test
        void aBeanWithoutRouteHandlerTypeIsRefused() {
            RouteTableException e = assertThrows(RouteTableException.class, () -> RouteEntry.of("n",
                    new JsonRoute(), beanTypes(NotARoute.class), "bean a.NotARoute"));

            assertEquals("Route 'n' on bean a.NotARoute must implement RouteHandler<I, O> with concrete types for I"
                    + " and O", e.getMessage());
        }

        @Test
        void aRawRouteHandlerIsRefused() {
            RouteTableException e = assertThrows(RouteTableException.class, () -> RouteEntry.of("r",
                    new RawRoute(), beanTypes(RawRoute.class), "bean a.Raw"));

            assertTrue(e.getMessage().startsWith("Route 'r' on bean a.Raw must implement RouteHandler<I, O>"),
                    e.getMessage());
        }
    }
}
