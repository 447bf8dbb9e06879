package io.hitch.it;

import io.hitch.client.HitchClient;
import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushes to one peer, group fan-out and membership, and broadcasts, seen by Java clients. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PushAndGroupsIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.hitchWith("push-groups", "",
                PushRoutes.with(PushRoutes.groupsAndPush(), PushRoutes.lifecycle()));
    }

    @ArquillianResource
    URL base;

    // ---- push to one peer -------------------------------------------------------------------

    @Test
    void aPushToOnePeerReachesExactlyThatPeer() throws Exception {
        try (Member alice = new Member(base);
             Member bob = new Member(base);
             Member carol = new Member(base)) {
            JsonValue reply = alice.call("test.push.to", json("peer", bob.peerId(), "text", "psst"));

            assertEquals(JsonValue.TRUE, reply);
            assertEquals("{\"route\":\"test.pushed\",\"data\":{\"from\":\"" + alice.peerId() + "\",\"text\":\"psst\"}}",
                    bob.next().toString());
            assertEquals(List.of(), bob.drain(300), "pushed once");
            assertEquals(List.of(), alice.drain(300));
            assertEquals(List.of(), carol.drain(300));
        }
    }

    @Test
    void aPushToAnUnknownPeerIdReturnsFalseAndReachesNobody() throws Exception {
        try (Member alice = new Member(base);
             Member bob = new Member(base)) {
            JsonValue reply = alice.call("test.push.to", json("peer", "no-such-peer", "text", "hello?"));

            assertEquals(JsonValue.FALSE, reply);
            assertEquals(List.of(), alice.drain(300));
            assertEquals(List.of(), bob.drain(300));
        }
    }

    @Test
    void aPushToAPeerThatHasDisconnectedReturnsFalse() {
        try (Member alice = new Member(base)) {
            String gone;
            try (Member bob = new Member(base)) {
                gone = bob.peerId();
                bob.close();
            }
            awaitDisconnect(alice, gone);

            assertEquals(JsonValue.FALSE, alice.call("test.push.to", json("peer", gone, "text", "late")));
        }
    }

    // ---- group fan-out ----------------------------------------------------------------------

    @Test
    void aGroupBroadcastReachesExactlyItsMembersTheSenderIncluded(TestInfo test) throws Exception {
        String room = groupName(test);
        try (Member alice = new Member(base);
             Member bob = new Member(base);
             Member outsider = new Member(base)) {
            join(alice, room);
            join(bob, room);

            JsonValue reply = alice.call("test.group.say", json("group", room, "text", "hi all"));

            assertEquals(2, number(reply));
            String expected = "{\"route\":\"test.said\",\"data\":{\"from\":\"" + alice.peerId() + "\",\"group\":\""
                    + room + "\",\"text\":\"hi all\"}}";
            assertEquals(expected, said(alice).toString());
            assertEquals(expected, said(bob).toString());
            assertEquals(List.of(), alice.drain(300), "each member gets the push once");
            assertEquals(List.of(), bob.drain(300), "each member gets the push once");
            assertEquals(List.of(), outsider.drain(300), "a non-member gets nothing");
        }
    }

    @Test
    void aGroupBroadcastExcludingTheSenderReachesEveryOtherMemberOnly(TestInfo test) throws Exception {
        String room = groupName(test);
        try (Member alice = new Member(base);
             Member bob = new Member(base);
             Member carol = new Member(base);
             Member outsider = new Member(base)) {
            join(alice, room);
            join(bob, room);
            join(carol, room);

            alice.call("test.group.say", json("group", room, "text", "not for me", "excludeSelf", true));

            assertEquals("not for me", said(bob).getJsonObject("data").getString("text"));
            assertEquals("not for me", said(carol).getJsonObject("data").getString("text"));
            assertEquals(List.of(), alice.drain(300), "the sender is left out");
            assertEquals(List.of(), outsider.drain(300));
        }
    }

    @Test
    void groupsAreSeparateAndAPeerGetsThePushesOfEachGroupItIsIn(TestInfo test) throws Exception {
        String red = groupName(test) + ".red";
        String blue = groupName(test) + ".blue";
        try (Member both = new Member(base);
             Member redOnly = new Member(base);
             Member blueOnly = new Member(base)) {
            join(both, red);
            join(both, blue);
            join(redOnly, red);
            join(blueOnly, blue);

            redOnly.call("test.group.say", json("group", red, "text", "red news", "excludeSelf", true));
            blueOnly.call("test.group.say", json("group", blue, "text", "blue news", "excludeSelf", true));

            assertEquals(List.of("red news", "blue news"),
                    List.of(text(said(both)), text(said(both))));
            assertEquals(List.of(), redOnly.drain(300), "blue news stays in blue");
            assertEquals(List.of(), blueOnly.drain(300), "red news stays in red");
        }
    }

    // ---- membership ---------------------------------------------------------------------------

    @Test
    void joiningTwiceIsRefusedAndLeavingAGroupOneIsNotInIsRefused(TestInfo test) {
        String room = groupName(test);
        try (Member alice = new Member(base)) {
            assertEquals(JsonValue.TRUE, alice.call("test.group.join", json("group", room)));
            assertEquals(JsonValue.FALSE, alice.call("test.group.join", json("group", room)));
            assertEquals(JsonValue.TRUE, alice.call("test.group.leave", json("group", room)));
            assertEquals(JsonValue.FALSE, alice.call("test.group.leave", json("group", room)));
        }
    }

    @Test
    void aPeerThatLeftIsNoLongerAMemberAndGetsNoMoreGroupPushes(TestInfo test) throws Exception {
        String room = groupName(test);
        try (Member alice = new Member(base);
             Member bob = new Member(base)) {
            join(alice, room);
            join(bob, room);
            assertEquals(sorted(alice.peerId(), bob.peerId()), members(alice, room));

            assertEquals(JsonValue.TRUE, bob.call("test.group.leave", json("group", room)));

            assertEquals(List.of(alice.peerId()), members(alice, room));
            alice.call("test.group.say", json("group", room, "text", "still there?"));
            assertEquals("still there?", text(said(alice)));
            assertEquals(List.of(), bob.drain(300));
        }
    }

    @Test
    void aPeerThatDisconnectsIsRemovedFromEveryGroupItWasIn(TestInfo test) throws Exception {
        String red = groupName(test) + ".red";
        String blue = groupName(test) + ".blue";
        try (Member alice = new Member(base)) {
            join(alice, red);
            join(alice, blue);
            String bobId;
            try (Member bob = new Member(base)) {
                bobId = bob.peerId();
                join(bob, red);
                join(bob, blue);
                assertEquals(sorted(alice.peerId(), bobId), members(alice, red));
                bob.close();
            }
            awaitDisconnect(alice, bobId);

            assertEquals(List.of(alice.peerId()), members(alice, red));
            assertEquals(List.of(alice.peerId()), members(alice, blue));
            alice.call("test.group.say", json("group", red, "text", "only me"));
            assertEquals("only me", text(said(alice)));
        }
    }

    @Test
    void aGroupVanishesWhenItsLastMemberLeaves(TestInfo test) {
        String room = groupName(test);
        try (Member alice = new Member(base);
             Member bob = new Member(base)) {
            assertFalse(groups(alice).contains(room), "no group before the first join");
            join(alice, room);
            join(bob, room);
            assertTrue(groups(alice).contains(room));

            alice.call("test.group.leave", json("group", room));
            assertTrue(groups(alice).contains(room), "bob is still in it");
            bob.call("test.group.leave", json("group", room));

            assertFalse(groups(alice).contains(room), "an empty group is not listed");
            assertEquals(List.of(), members(alice, room));
        }
    }

    @Test
    void aGroupVanishesWhenItsLastMemberDisconnects(TestInfo test) {
        String room = groupName(test);
        try (Member watcher = new Member(base)) {
            String bobId;
            try (Member bob = new Member(base)) {
                bobId = bob.peerId();
                join(bob, room);
                assertTrue(groups(watcher).contains(room));
                bob.close();
            }
            awaitDisconnect(watcher, bobId);

            assertFalse(groups(watcher).contains(room));
        }
    }

    @Test
    void aGroupBroadcastToAGroupWithoutMembersReachesNobodyAndCreatesNoGroup(TestInfo test) throws Exception {
        String room = groupName(test);
        try (Member alice = new Member(base);
             Member bob = new Member(base)) {
            assertEquals(0, number(alice.call("test.group.say", json("group", room, "text", "anyone?"))));

            assertFalse(groups(alice).contains(room));
            assertEquals(List.of(), alice.drain(300));
            assertEquals(List.of(), bob.drain(300));
        }
    }

    // ---- broadcast to all -----------------------------------------------------------------------

    @Test
    void aBroadcastReachesEveryConnectedPeerTheSenderIncluded() {
        try (Member alice = new Member(base);
             Member bob = new Member(base);
             Member carol = new Member(base)) {
            String text = "to everyone " + System.nanoTime();

            alice.call("test.broadcast", json("text", text));

            for (Member client : List.of(alice, bob, carol)) {
                JsonObject push = broadcastWith(client, text);
                assertEquals(alice.peerId(), push.getJsonObject("data").getString("from"));
            }
        }
    }

    @Test
    void aBroadcastExcludingTheSenderReachesEveryoneElseButNotTheSender() throws Exception {
        try (Member alice = new Member(base);
             Member bob = new Member(base);
             Member carol = new Member(base)) {
            String text = "not to me " + System.nanoTime();

            alice.call("test.broadcast", json("text", text, "excludeSelf", true));

            broadcastWith(bob, text);
            broadcastWith(carol, text);
            assertTrue(alice.drain(300).stream().noneMatch(f -> isBroadcastWith(f, text)),
                    "the sender is left out");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static JsonObject json(Object... namesAndValues) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value instanceof Boolean b) {
                object.add(name, b);
            } else if (value instanceof Integer n) {
                object.add(name, n);
            } else {
                object.add(name, String.valueOf(value));
            }
        }
        return object.build();
    }

    private static String groupName(TestInfo test) {
        return "it." + test.getTestMethod().orElseThrow().getName() + "." + System.nanoTime();
    }

    private static void join(Member client, String group) {
        assertEquals(JsonValue.TRUE, client.call("test.group.join", json("group", group)));
    }

    private static List<String> members(Member client, String group) {
        return strings(client.call("test.group.members", json("group", group)));
    }

    private static List<String> groups(Member client) {
        return strings(client.call("test.groups", null));
    }

    private static List<String> strings(JsonValue reply) {
        return reply.asJsonArray().getValuesAs(JsonString::getString);
    }

    private static int number(JsonValue reply) {
        return ((JsonNumber) reply).intValue();
    }

    private static List<String> sorted(String... ids) {
        return Stream.of(ids).sorted().toList();
    }

    private static JsonObject said(Member client) {
        return client.nextPush("test.said");
    }

    private static String text(JsonObject push) {
        return push.getJsonObject("data").getString("text");
    }

    private static boolean isBroadcastWith(JsonObject frame, String text) {
        return "test.broadcasted".equals(frame.getString("route", null))
                && text.equals(frame.getJsonObject("data").getString("text"));
    }

    private static JsonObject broadcastWith(Member client, String text) {
        return client.next(f -> isBroadcastWith(f, text));
    }

    /** Waits until the server has fired PeerDisconnected for {@code peerId}, i.e. has processed its close. */
    private static void awaitDisconnect(Member asker, String peerId) {
        JsonValue reply = asker.call("test.lifecycle.of", Map.of("peer", peerId, "count", 2));
        assertEquals("disconnected", reply.asJsonArray().getJsonObject(1).getString("kind"), reply.toString());
    }

    /**
     * A Java client that keeps every push to the test routes, as {@code {"route":..,"data":..}}, so a
     * test can check what arrived and that nothing more did.
     */
    private static final class Member implements AutoCloseable {
        private static final List<String> ROUTES = List.of("test.pushed", "test.said", "test.broadcasted");

        private final HitchClient client;
        private final BlockingQueue<JsonObject> pushes = new LinkedBlockingQueue<>();
        private final List<JsonObject> backlog = new ArrayList<>();

        Member(URL base) {
            client = Clients.connect(base);
            for (String route : ROUTES) {
                client.on(route, JsonValue.class, (data, meta) ->
                        pushes.add(Json.createObjectBuilder().add("route", route).add("data", data).build()));
            }
        }

        String peerId() {
            return client.peerId().orElseThrow();
        }

        JsonValue call(String route, Object data) {
            return client.request(route, data, JsonValue.class).join();
        }

        /** @return the next push matching {@code filter}; pushes before it stay for later calls */
        JsonObject next(Predicate<JsonObject> filter) {
            for (int i = 0; i < backlog.size(); i++) {
                if (filter.test(backlog.get(i))) {
                    return backlog.remove(i);
                }
            }
            while (true) {
                JsonObject push;
                try {
                    push = pushes.poll(Clients.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                if (push == null) {
                    throw new AssertionError("no such push within " + Clients.WAIT);
                }
                if (filter.test(push)) {
                    return push;
                }
                backlog.add(push);
            }
        }

        JsonObject next() {
            return next(push -> true);
        }

        JsonObject nextPush(String route) {
            return next(push -> route.equals(push.getString("route")));
        }

        /** @return the pushes not taken yet and those arriving within {@code millis} */
        List<JsonObject> drain(long millis) throws InterruptedException {
            List<JsonObject> out = new ArrayList<>(backlog);
            backlog.clear();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            JsonObject push;
            while ((push = pushes.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                out.add(push);
            }
            return out;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
