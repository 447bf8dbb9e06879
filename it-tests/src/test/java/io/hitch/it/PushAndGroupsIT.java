package io.hitch.it;

import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pushes to one peer, group fan-out and membership, and broadcasts, seen on the wire. */
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
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base);
             HitchTestClient carol = HitchTestClient.connect(base)) {
            JsonObject reply = alice.call("test.push.to", 1, json("peer", bob.peerId(), "text", "psst"));

            assertEquals(JsonValue.TRUE, reply.get("data"));
            JsonObject pushed = bob.next();
            assertEquals("{\"route\":\"test.pushed\",\"data\":{\"from\":\"" + alice.peerId() + "\",\"text\":\"psst\"},"
                    + "\"stream\":\"peer:" + bob.peerId() + "\",\"seq\":" + pushed.get("seq") + "}", pushed.toString());
            assertEquals(List.of(), bob.drain(300), "pushed once");
            assertEquals(List.of(), alice.drain(300));
            assertEquals(List.of(), carol.drain(300));
        }
    }

    @Test
    void aPushToAnUnknownPeerIdReturnsFalseAndReachesNobody() throws Exception {
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base)) {
            JsonObject reply = alice.call("test.push.to", 1, json("peer", "no-such-peer", "text", "hello?"));

            assertEquals(JsonValue.FALSE, reply.get("data"));
            assertEquals(List.of(), alice.drain(300));
            assertEquals(List.of(), bob.drain(300));
        }
    }

    @Test
    void aPushToAPeerThatHasDisconnectedReturnsFalse() {
        try (HitchTestClient alice = HitchTestClient.connect(base)) {
            String gone;
            try (HitchTestClient bob = HitchTestClient.connect(base)) {
                gone = bob.peerId();
                bob.closeWith(1000, "done");
            }
            awaitDisconnect(alice, gone);

            assertEquals(JsonValue.FALSE, alice.call("test.push.to", 1, json("peer", gone, "text", "late")).get("data"));
        }
    }

    // ---- group fan-out ----------------------------------------------------------------------

    @Test
    void aGroupBroadcastReachesExactlyItsMembersTheSenderIncluded(TestInfo test) throws Exception {
        String room = groupName(test);
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base);
             HitchTestClient outsider = HitchTestClient.connect(base)) {
            join(alice, room);
            join(bob, room);

            JsonObject reply = alice.call("test.group.say", 10, json("group", room, "text", "hi all"));

            assertEquals(2, reply.getInt("data"));
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
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base);
             HitchTestClient carol = HitchTestClient.connect(base);
             HitchTestClient outsider = HitchTestClient.connect(base)) {
            join(alice, room);
            join(bob, room);
            join(carol, room);

            alice.call("test.group.say", 10, json("group", room, "text", "not for me", "excludeSelf", true));

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
        try (HitchTestClient both = HitchTestClient.connect(base);
             HitchTestClient redOnly = HitchTestClient.connect(base);
             HitchTestClient blueOnly = HitchTestClient.connect(base)) {
            join(both, red);
            join(both, blue);
            join(redOnly, red);
            join(blueOnly, blue);

            redOnly.call("test.group.say", 10, json("group", red, "text", "red news", "excludeSelf", true));
            blueOnly.call("test.group.say", 10, json("group", blue, "text", "blue news", "excludeSelf", true));

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
        try (HitchTestClient alice = HitchTestClient.connect(base)) {
            assertEquals(JsonValue.TRUE, alice.call("test.group.join", 1, json("group", room)).get("data"));
            assertEquals(JsonValue.FALSE, alice.call("test.group.join", 2, json("group", room)).get("data"));
            assertEquals(JsonValue.TRUE, alice.call("test.group.leave", 3, json("group", room)).get("data"));
            assertEquals(JsonValue.FALSE, alice.call("test.group.leave", 4, json("group", room)).get("data"));
        }
    }

    @Test
    void aPeerThatLeftIsNoLongerAMemberAndGetsNoMoreGroupPushes(TestInfo test) throws Exception {
        String room = groupName(test);
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base)) {
            join(alice, room);
            join(bob, room);
            assertEquals(sorted(alice.peerId(), bob.peerId()), members(alice, room));

            assertEquals(JsonValue.TRUE, bob.call("test.group.leave", 5, json("group", room)).get("data"));

            assertEquals(List.of(alice.peerId()), members(alice, room));
            alice.call("test.group.say", 6, json("group", room, "text", "still there?"));
            assertEquals("still there?", text(said(alice)));
            assertEquals(List.of(), bob.drain(300));
        }
    }

    @Test
    void aPeerThatDisconnectsIsRemovedFromEveryGroupItWasIn(TestInfo test) throws Exception {
        String red = groupName(test) + ".red";
        String blue = groupName(test) + ".blue";
        try (HitchTestClient alice = HitchTestClient.connect(base)) {
            join(alice, red);
            join(alice, blue);
            String bobId;
            try (HitchTestClient bob = HitchTestClient.connect(base)) {
                bobId = bob.peerId();
                join(bob, red);
                join(bob, blue);
                assertEquals(sorted(alice.peerId(), bobId), members(alice, red));
                bob.closeWith(1000, "leaving");
            }
            awaitDisconnect(alice, bobId);

            assertEquals(List.of(alice.peerId()), members(alice, red));
            assertEquals(List.of(alice.peerId()), members(alice, blue));
            alice.call("test.group.say", 20, json("group", red, "text", "only me"));
            assertEquals("only me", text(said(alice)));
        }
    }

    @Test
    void aGroupVanishesWhenItsLastMemberLeaves(TestInfo test) {
        String room = groupName(test);
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base)) {
            assertFalse(groups(alice).contains(room), "no group before the first join");
            join(alice, room);
            join(bob, room);
            assertTrue(groups(alice).contains(room));

            alice.call("test.group.leave", 3, json("group", room));
            assertTrue(groups(alice).contains(room), "bob is still in it");
            bob.call("test.group.leave", 3, json("group", room));

            assertFalse(groups(alice).contains(room), "an empty group is not listed");
            assertEquals(List.of(), members(alice, room));
        }
    }

    @Test
    void aGroupVanishesWhenItsLastMemberDisconnects(TestInfo test) {
        String room = groupName(test);
        try (HitchTestClient watcher = HitchTestClient.connect(base)) {
            String bobId;
            try (HitchTestClient bob = HitchTestClient.connect(base)) {
                bobId = bob.peerId();
                join(bob, room);
                assertTrue(groups(watcher).contains(room));
                bob.closeWith(1000, "leaving");
            }
            awaitDisconnect(watcher, bobId);

            assertFalse(groups(watcher).contains(room));
        }
    }

    @Test
    void aGroupBroadcastToAGroupWithoutMembersReachesNobodyAndCreatesNoGroup(TestInfo test) throws Exception {
        String room = groupName(test);
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base)) {
            assertEquals(0, alice.call("test.group.say", 1, json("group", room, "text", "anyone?")).getInt("data"));

            assertFalse(groups(alice).contains(room));
            assertEquals(List.of(), alice.drain(300));
            assertEquals(List.of(), bob.drain(300));
        }
    }

    // ---- broadcast to all -----------------------------------------------------------------------

    @Test
    void aBroadcastReachesEveryConnectedPeerTheSenderIncluded() {
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base);
             HitchTestClient carol = HitchTestClient.connect(base)) {
            String text = "to everyone " + System.nanoTime();

            alice.call("test.broadcast", 1, json("text", text));

            for (HitchTestClient client : List.of(alice, bob, carol)) {
                JsonObject push = broadcastWith(client, text);
                assertEquals(alice.peerId(), push.getJsonObject("data").getString("from"));
            }
        }
    }

    @Test
    void aBroadcastExcludingTheSenderReachesEveryoneElseButNotTheSender() throws Exception {
        try (HitchTestClient alice = HitchTestClient.connect(base);
             HitchTestClient bob = HitchTestClient.connect(base);
             HitchTestClient carol = HitchTestClient.connect(base)) {
            String text = "not to me " + System.nanoTime();

            alice.call("test.broadcast", 1, json("text", text, "excludeSelf", true));

            broadcastWith(bob, text);
            broadcastWith(carol, text);
            assertTrue(alice.drain(300).stream().noneMatch(f -> isBroadcastWith(f, text)),
                    "the sender is left out");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String json(Object... namesAndValues) {
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
        return object.build().toString();
    }

    private static String groupName(TestInfo test) {
        return "it." + test.getTestMethod().orElseThrow().getName() + "." + System.nanoTime();
    }

    private static void join(HitchTestClient client, String group) {
        assertEquals(JsonValue.TRUE, client.call("test.group.join", 900, json("group", group)).get("data"));
    }

    private static List<String> members(HitchTestClient client, String group) {
        return strings(client.call("test.group.members", 901, json("group", group)));
    }

    private static List<String> groups(HitchTestClient client) {
        return strings(client.call("test.groups", 902, null));
    }

    private static List<String> strings(JsonObject reply) {
        return reply.getJsonArray("data").getValuesAs(JsonString::getString);
    }

    private static List<String> sorted(String... ids) {
        return Stream.of(ids).sorted().toList();
    }

    private static JsonObject said(HitchTestClient client) {
        return HitchTestClient.unnumbered(client.nextPush("test.said"));
    }

    private static String text(JsonObject push) {
        return push.getJsonObject("data").getString("text");
    }

    private static boolean isBroadcastWith(JsonObject frame, String text) {
        return "test.broadcasted".equals(frame.getString("route", null))
                && text.equals(frame.getJsonObject("data").getString("text"));
    }

    private static JsonObject broadcastWith(HitchTestClient client, String text) {
        return client.next(f -> isBroadcastWith(f, text));
    }

    /** Waits until the server has fired PeerDisconnected for {@code peerId}, i.e. has processed its close. */
    private static void awaitDisconnect(HitchTestClient asker, String peerId) {
        JsonObject reply = asker.call("test.lifecycle.of", 903, "{\"peer\":\"" + peerId + "\",\"count\":2}");
        assertEquals("disconnected", reply.getJsonArray("data").getJsonObject(1).getString("kind"), reply.toString());
    }
}
