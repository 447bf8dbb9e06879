package io.hitch.it;

import io.hitch.backplane.RedisServer;
import io.hitch.it.push.PushRoutes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Liberty nodes from the same build on one real Redis (hitch.backplane=redis), all on loopback:
 * the Arquillian server and a {@link SecondNode}. The node-killing test runs last.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static RedisServer redis;
    private static WebArchive war;
    private static SecondNode second;

    @Deployment(testable = false)
    static WebArchive app() {
        redis = new RedisServer();
        war = Deployments.productWarWith("cluster", "hitch.backplane=redis\n"
                + "hitch.backplane.redis-uri=" + redis.uri() + "\n"
                + "hitch.backplane.node-timeout-ms=2000\n"
                + "hitch.relay-routes=test.*\n"
                + "hitch.token.secret=the cluster test secret, 32 characters or more\n", PushRoutes.groupsAndPush());
        return war;
    }

    @ArquillianResource
    URL first;

    @BeforeAll
    static void startSecondNode() {
        second = new SecondNode(war);
    }

    @AfterAll
    static void stopAll() {
        if (second != null) {
            second.close();
        }
        redis.close();
    }

    private static String json(String... pairs) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            builder.add(pairs[i], pairs[i + 1]);
        }
        return builder.build().toString();
    }

    private static String text(JsonObject push) {
        return push.getJsonObject("data").getString("text");
    }

    private static int ready(URL node) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.getProtocol() + "://"
                    + node.getHost() + ":" + node.getPort() + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    @Order(1)
    void pushesGroupsAndBroadcastsReachClientsOnTheOtherNodeExactlyOnce() throws Exception {
        try (HitchTestClient alice = HitchTestClient.connect(first);
             HitchTestClient bob = HitchTestClient.connect(second.base());
             HitchTestClient carol = HitchTestClient.connect(second.base())) {
            assertEquals(JsonValue.TRUE, alice.call("test.push.to", 1, json("peer", bob.peerId(), "text", "psst")).get("data"));
            assertEquals("psst", text(bob.nextPush("test.pushed")));

            alice.call("test.group.join", 2, json("group", "room"));
            bob.call("test.group.join", 1, json("group", "room"));
            alice.call("test.group.say", 3, json("group", "room", "text", "hi room"));
            assertEquals("hi room", text(alice.nextPush("test.said")));
            assertEquals("hi room", text(bob.nextPush("test.said")));

            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? alice : bob).call("test.broadcast", 10 + i, json("text", "tick " + i));
            }
            for (HitchTestClient client : List.of(alice, bob, carol)) {
                List<String> ticks = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ticks.add(text(client.nextPush("test.broadcasted")));
                }
                assertEquals(20, ticks.stream().distinct().count(), ticks.toString());
            }
            assertEquals(List.of(), alice.drain(300), "nothing twice");
            assertEquals(List.of(), bob.drain(300), "nothing twice");
            assertEquals(List.of(), carol.drain(300), "nothing twice, nothing of the room");

            try (HitchTestClient console = HitchTestClient.connectTo(first, "manager/ws",
                    Map.of("Authorization", HitchTestClient.basic("dave", "dave-it-password")), "hitch.v1")) {
                JsonObject state = HitchTestClient.eventually("the console shows both nodes with their peers",
                        () -> console.nextPush("manager.state").getJsonObject("data"),
                        data -> data.getJsonArray("nodes").size() == 2 && data.getJsonArray("nodes").stream()
                                .mapToLong(n -> n.asJsonObject().getJsonNumber("peers").longValue()).sum() == 3);
                assertEquals(1, state.getJsonArray("nodes").stream().filter(n -> n.asJsonObject().getBoolean("self"))
                        .mapToLong(n -> n.asJsonObject().getJsonNumber("peers").longValue()).sum(), state.toString());
            }

            alice.sendRaw("{\"route\":\"hitch.relay\",\"id\":50,\"data\":{\"peer\":\"" + bob.peerId()
                    + "\",\"route\":\"test.dm\",\"data\":{\"text\":\"hey\"}}}");
            JsonObject asked = bob.nextRequest("test.dm");
            assertEquals(alice.peerId(), asked.getString("from"));
            bob.reply(asked, "{\"ok\":true}");
            assertEquals("{\"re\":50,\"data\":{\"ok\":true}}", alice.answerTo(50).toString());
            alice.sendRaw("{\"route\":\"hitch.relay\",\"id\":51,\"data\":{\"peer\":\"" + bob.peerId()
                    + "\",\"route\":\"test.dm\",\"data\":{}}}");
            bob.replyError(bob.nextRequest("test.dm"), "busy", "not now", null);
            assertEquals("{\"code\":\"busy\",\"message\":\"not now\"}",
                    alice.answerTo(51).getJsonObject("error").toString());
        }
    }

    private HitchTestClient operatorConsole() {
        return HitchTestClient.connectTo(first, "manager/ws",
                Map.of("Authorization", HitchTestClient.basic("erin", "erin-it-password")), "hitch.v1");
    }

    private static JsonObject rowOf(JsonObject state, String peer) {
        return state.getJsonArray("peers").stream().map(JsonValue::asJsonObject)
                .filter(row -> row.getString("id").equals(peer)).findFirst().orElse(null);
    }

    @Test
    @Order(2)
    void aConsoleOnOneNodeListsAPeerOfTheOtherNodeWithThatNodesId() {
        try (HitchTestClient bob = HitchTestClient.connect(second.base());
             HitchTestClient console = operatorConsole()) {
            JsonObject state = HitchTestClient.eventually("the console lists bob",
                    () -> console.nextPush("manager.state").getJsonObject("data"), data -> rowOf(data, bob.peerId()) != null);

            String otherNode = state.getJsonArray("nodes").stream().map(JsonValue::asJsonObject)
                    .filter(node -> !node.getBoolean("self")).findFirst().orElseThrow().getString("id");
            JsonObject row = rowOf(state, bob.peerId());
            assertEquals(otherNode, row.getString("node"), row.toString());
            assertEquals(JsonValue.TRUE, row.get("remote"), row.toString());
            assertEquals("127.0.0.1", row.getString("address"), row.toString());
        }
    }

    @Test
    @Order(3)
    void anOperatorOnOneNodeDisconnectsAPeerOfTheOtherNode() {
        try (HitchTestClient bob = HitchTestClient.connect(second.base());
             HitchTestClient console = operatorConsole()) {
            JsonObject done = console.call("manager.disconnect", 2, json("peer", bob.peerId(), "reason", "maintenance window"));

            assertTrue(done.getJsonObject("data").getString("detail").startsWith("disconnected " + bob.peerId() + " on node "),
                    done.toString());
            assertEquals(4000, bob.awaitClose());
            assertEquals("maintenance window", bob.closeReason());
        }
    }

    @Test
    @Order(3)
    void anOperatorOnOneNodePushesToAPeerOfTheOtherNode() {
        try (HitchTestClient bob = HitchTestClient.connect(second.base());
             HitchTestClient console = operatorConsole()) {
            JsonObject done = console.call("manager.push", 1, Json.createObjectBuilder().add("target", "peer")
                    .add("peer", bob.peerId()).add("route", "test.notice").add("data", "from node 1").build().toString());

            assertTrue(done.getJsonObject("data").getString("detail").startsWith("pushed to peer " + bob.peerId() + " on node "),
                    done.toString());
            assertEquals("from node 1", bob.nextPush("test.notice").getString("data"));
        }
    }

    @Test
    @Order(3)
    void theDetailOfAPeerOfTheOtherNodeIsWhatPresenceHoldsWithoutAttributes() {
        try (HitchTestClient bob = HitchTestClient.connect(second.base());
             HitchTestClient console = operatorConsole()) {
            JsonObject detail = console.call("manager.peer", 1, json("peer", bob.peerId())).getJsonObject("data");

            assertEquals(JsonValue.TRUE, detail.getJsonObject("peer").get("remote"), detail.toString());
            assertEquals("127.0.0.1", detail.getJsonObject("peer").getString("address"), detail.toString());
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, detail.getJsonObject("attributes"), detail.toString());
        }
    }

    @Test
    @Order(3)
    void anOperatorCannotChangeTheGroupsOfAPeerOfTheOtherNodeAndIsToldWhy() {
        try (HitchTestClient bob = HitchTestClient.connect(second.base());
             HitchTestClient console = operatorConsole()) {
            JsonObject join = console.call("manager.join", 1, json("peer", bob.peerId(), "group", "room"));

            assertEquals("on_another_node", join.getJsonObject("error").getString("code"), join.toString());
            assertTrue(join.getJsonObject("error").getString("message").contains("only by a console connected to that node"),
                    join.toString());
        }
    }

    // The numbers of the cluster note: push latency to a client on the same node and on the other
    // node, and fan-out deliveries per second with every member on one node and spread over two.
    // Every push must arrive exactly once; the numbers go to target/cluster-numbers.txt.
    @Test
    @Order(4)
    void crossNodeLatencyAndFanOutAreMeasuredWithEveryPushArrivingOnce() throws Exception {
        StringBuilder note = new StringBuilder();
        try (HitchTestClient sender = HitchTestClient.connect(first);
             HitchTestClient near = HitchTestClient.connect(first);
             HitchTestClient far = HitchTestClient.connect(second.base())) {
            for (HitchTestClient target : List.of(near, far, near, far)) {
                long[] nanos = new long[200];
                for (int i = 0; i < nanos.length; i++) {
                    long start = System.nanoTime();
                    sender.call("test.push.to", 1000 + i, json("peer", target.peerId(), "text", "p" + i));
                    assertEquals("p" + i, text(target.nextPush("test.pushed")));
                    nanos[i] = System.nanoTime() - start;
                }
                java.util.Arrays.sort(nanos);
                note.append(target == near ? "same-node" : "cross-node").append(" push round trip p50 ")
                        .append(nanos[100] / 1000).append(" us, p99 ").append(nanos[197] / 1000).append(" us\n");
            }
        }
        for (boolean spread : new boolean[] {false, true}) {
            List<HitchTestClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    HitchTestClient member = HitchTestClient.connect(spread && i % 2 == 1 ? second.base() : first);
                    member.call("test.group.join", 1, json("group", "fan" + spread));
                    members.add(member);
                }
                long start = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    members.get(0).call("test.group.say", 2 + i, json("group", "fan" + spread, "text", "f" + i));
                }
                for (HitchTestClient member : members) {
                    for (int i = 0; i < 100; i++) {
                        assertEquals("f" + i, text(member.nextPush("test.said")));
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                note.append(spread ? "two nodes" : "one node").append(": 1000 fan-out deliveries in ")
                        .append(Math.round(seconds * 1000)).append(" ms = ").append(Math.round(1000 / seconds))
                        .append(" deliveries/s\n");
            } finally {
                members.forEach(HitchTestClient::close);
            }
        }
        System.out.print(note);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/cluster-numbers.txt"), note);
    }

    @Test
    @Order(5)
    void whileRedisRestartsTheNodesAreNotReadyAndPushesFlowAgainAfterwards() {
        redis.stop();
        HitchTestClient.eventually("node 1 not ready", () -> ready(first), status -> status == 503);
        HitchTestClient.eventually("node 2 not ready", () -> ready(second.base()), status -> status == 503);
        redis.start();
        HitchTestClient.eventually("node 1 ready", () -> ready(first), status -> status == 200);
        HitchTestClient.eventually("node 2 ready", () -> ready(second.base()), status -> status == 200);

        try (HitchTestClient alice = HitchTestClient.connect(first);
             HitchTestClient bob = HitchTestClient.connect(second.base())) {
            assertEquals(JsonValue.TRUE, alice.call("test.push.to", 1, json("peer", bob.peerId(), "text", "after")).get("data"));
            assertEquals("after", text(bob.nextPush("test.pushed")));
        }
    }

    @Test
    @Order(6)
    void clientsOfAKilledNodeResumeOnTheOtherWithEveryPushOnceAndTheDeadPeerIsSoonUnavailable() throws Exception {
        try (HitchTestClient stayer = HitchTestClient.connect(first)) {
            HitchTestClient lost = HitchTestClient.connect(second.base());
            JsonObject welcome = lost.welcome();
            String lostId = lost.peerId();
            lost.call("test.group.join", 1, json("group", "lobby"));
            stayer.call("test.group.join", 1, json("group", "lobby"));
            stayer.call("test.group.say", 2, json("group", "lobby", "text", "seen"));
            JsonObject seen = lost.nextPush("test.said");

            second.kill();
            long killed = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                stayer.call("test.group.say", 10 + i, json("group", "lobby", "text", "missed " + i));
            }
            int[] pushes = {0};
            HitchTestClient.eventually("the dead node's peer is unavailable", () -> stayer.call("test.push.to",
                    20 + pushes[0]++, json("peer", lostId, "text", "to the dead")).get("data"), JsonValue.FALSE::equals);
            long unavailableMs = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(unavailableMs < 6_000, "unavailable after " + unavailableMs + " ms");

            try (HitchTestClient again = HitchTestClient.connectTo(first, "ws?resume=1", Map.of())) {
                again.next();
                JsonObject marker = again.call("hitch.resume", 1, Json.createObjectBuilder()
                        .add("token", welcome.getJsonObject("data").getString("resume"))
                        .add("seen", Json.createObjectBuilder().add(seen.getString("stream"), seen.getJsonNumber("seq")))
                        .build().toString());

                assertEquals(List.of("lobby"), marker.getJsonObject("data").getJsonArray("groups").getValuesAs(
                        jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList(), marker.toString());
                List<String> replayed = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    replayed.add(text(again.next()));
                }
                assertEquals(List.of("missed 0", "missed 1", "missed 2", "missed 3", "missed 4"), replayed);
                for (int i = 0; i < pushes[0]; i++) {
                    assertEquals("to the dead", text(again.nextPush("test.pushed")), "the pushes to it while it was gone");
                }
                stayer.call("test.group.say", 30, json("group", "lobby", "text", "live"));
                assertEquals("live", text(again.nextPush("test.said")));
                assertEquals(List.of(), again.drain(300), "nothing twice");
            }
        }
    }
}
