package io.hitch.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manager, {@code /manager/} and {@code /manager/ws}, on the product WAR as built (its web.xml
 * constrains {@code /manager/*} to the roles monitor and operator): who gets in, what a monitor
 * sees live, that the server refuses a monitor every action, that an operator's actions take effect
 * and are logged in the operator's name, and that no secret reaches the console.
 *
 * <p>Test users (it-tests/liberty/server.xml): dave is a monitor, erin an operator, bob has no
 * manager role, alice is an ordinary user of the demo.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ManagerIT {

    private static final String PATH = "manager/ws";
    private static final String SUBPROTOCOL = "hitch.v1";
    private static final String DAVE_PASSWORD = "dave-it-password";
    private static final String ERIN_PASSWORD = "erin-it-password";
    private static final String BOB_PASSWORD = "bob-it-password";
    private static final String ALICE_PASSWORD = "alice-it-password";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PARTNER = "https://partner.example.org";
    // Pages are fetched over HTTP/1.1, as browsers do without TLS. (With the JDK client's default,
    // an h2c upgrade, Open Liberty 26.0.0.5 never answers a request for a welcome file such as
    // /manager/, and the hung request then blocks the undeployment.)
    private static final HttpClient BROWSER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @Deployment(name = "product", testable = false)
    static WebArchive app() {
        return Deployments.productWar();
    }

    /** The product WAR of an application that lets a partner's pages connect to its endpoint. */
    @Deployment(name = "partner", testable = false)
    static WebArchive withAPartnerOrigin() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "hitch-partner.war").merge(Deployments.productWar());
        war.delete("/WEB-INF/classes/META-INF/microprofile-config.properties");
        return war.addAsResource(new StringAsset("hitch.origins=" + PARTNER + "\n"),
                "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    @OperateOnDeployment("product")
    URL base;

    @ArquillianResource
    @OperateOnDeployment("partner")
    URL partner;

    // ---------------------------------------------------------------- who gets in

    @Test
    void anAnonymousRequestForTheManagerPageIsRefusedWith401() {
        HttpResponse<String> response = page(Map.of());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                "the refusal asks for basic authentication: " + response.headers().map());
    }

    @Test
    void anAnonymousUpgradeOfTheManagerEndpointIsRefusedWith401() {
        assertEquals(401, HitchTestClient.refusedUpgradeOf(base, PATH, Map.of(), SUBPROTOCOL));
    }

    @Test
    void aUserWithoutAManagerRoleIsRefusedTheManagerPageWith403() {
        HttpResponse<String> response = page(Map.of("Authorization", HitchTestClient.basic("bob", BOB_PASSWORD)));
        assertEquals(403, response.statusCode());
    }

    @Test
    void aUserWithoutAManagerRoleIsRefusedTheUpgradeWith403() {
        assertEquals(403, HitchTestClient.refusedUpgradeOf(base, PATH,
                Map.of("Authorization", HitchTestClient.basic("bob", BOB_PASSWORD)), SUBPROTOCOL));
    }

    @Test
    void aManagerWithAWrongPasswordIsRefusedTheUpgradeWith401() {
        assertEquals(401, HitchTestClient.refusedUpgradeOf(base, PATH,
                Map.of("Authorization", HitchTestClient.basic("erin", "not-erins-password")), SUBPROTOCOL));
    }

    @Test
    void aCrossOriginUpgradeOfTheManagerEndpointIsRefusedWith403EvenForAnOperator() {
        assertEquals(403, HitchTestClient.refusedUpgradeOf(base, PATH, Map.of(
                "Authorization", HitchTestClient.basic("erin", ERIN_PASSWORD), "Origin", "http://evil.example"),
                SUBPROTOCOL));
    }

    @Test
    void anUpgradeOfTheManagerEndpointFromTheServersOwnOriginIsAccepted() {
        try (HitchTestClient console = HitchTestClient.connectTo(base, PATH, Map.of(
                "Authorization", HitchTestClient.basic("dave", DAVE_PASSWORD), "Origin", ownOrigin()), SUBPROTOCOL)) {
            assertEquals("hitch.welcome", console.next().getString("route"));
            assertEquals(SUBPROTOCOL, console.subprotocol());
        }
    }

    @Test
    void aMonitorGetsTheManagerPage() {
        HttpResponse<String> response = page(Map.of("Authorization", HitchTestClient.basic("dave", DAVE_PASSWORD)));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                response.headers().map().toString());
    }

    @Test
    void anOriginThatTheApplicationAllowsForItsClientsIsStillRefusedTheManagerEndpoint() {
        try (HitchTestClient client = HitchTestClient.connect(partner, Map.of("Origin", PARTNER))) {
            assertEquals("hitch.welcome", client.welcome().getString("route"), "the partner may use the application");
        }
        assertEquals(403, HitchTestClient.refusedUpgradeOf(partner, PATH, Map.of(
                "Authorization", HitchTestClient.basic("erin", ERIN_PASSWORD), "Origin", PARTNER), SUBPROTOCOL));
    }

    @Test
    void aClientOfTheApplicationEndpointCannotCallManagerRoutes() {
        try (HitchTestClient victim = HitchTestClient.connect(base);
             HitchTestClient client = HitchTestClient.connectAs(base, "erin", ERIN_PASSWORD)) {
            JsonObject reply = client.call("manager.disconnect", 1, "{\"peer\":\"" + victim.peerId() + "\"}");
            assertEquals("unknown_route", errorCode(reply));
            assertEquals("ok", victim.call("echo", 1, "\"ok\"").getString("data"));
        }
    }

    @Test
    void theManagerEndpointServesNoApplicationRoute() {
        try (Console erin = operator()) {
            assertEquals("unknown_route", errorCode(erin.call("hello", "{\"name\":\"Ada\"}")));
        }
    }

    // ---------------------------------------------------------------- what a monitor sees

    @Test
    void aConsoleIsWelcomedWithTheManagersRoutesAndThenSentTheState() {
        try (HitchTestClient console = HitchTestClient.connectTo(base, PATH,
                Map.of("Authorization", HitchTestClient.basic("dave", DAVE_PASSWORD)), SUBPROTOCOL)) {
            JsonObject welcome = console.next().getJsonObject("data");
            assertEquals("hitch/1", welcome.getString("protocol"));
            assertTrue(welcome.getString("peer").startsWith("manager-"), welcome.toString());
            assertEquals(List.of("manager.call", "manager.disconnect", "manager.join", "manager.leave", "manager.peer",
                    "manager.push", "manager.watch"), strings(welcome, "routes"));
            assertEquals("manager.state", console.next().getString("route"));
        }
    }

    @Test
    void aMonitorReceivesTheStateAtLeastOnceASecond() {
        try (Console dave = monitor()) {
            List<Instant> at = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                at.add(Instant.parse(dave.state().getString("at")));
            }
            for (int i = 1; i < at.size(); i++) {
                long gap = Duration.between(at.get(i - 1), at.get(i)).toMillis();
                assertTrue(gap < 2_000, "states " + (i - 1) + " and " + i + " are " + gap + " ms apart: " + at);
            }
            long span = Duration.between(at.get(0), at.get(5)).toMillis();
            assertTrue(span <= 5_500, "six states took " + span + " ms: " + at);
        }
    }

    @Test
    void theStateListsAConnectedClientWithItsUserAddressOriginAndGroups() {
        try (HitchTestClient alice = HitchTestClient.connect(base, Map.of(
                "Authorization", HitchTestClient.basic("alice", ALICE_PASSWORD), "Origin", ownOrigin()));
             Console dave = monitor()) {
            alice.call("chat.join", 1, "{\"room\":\"state-room\",\"name\":\"Alice\"}");
            // The state is taken every second, possibly between the join and the count of its reply.
            JsonObject state = dave.stateWhere("alice listed in chat.state-room, her reply counted",
                    s -> row(s, alice.peerId()).map(r -> groups(r).contains("chat.state-room")
                            && r.getJsonNumber("framesOut").longValue() >= 2
                            && r.getJsonNumber("pending").longValue() == 0).orElse(false));
            JsonObject row = row(state, alice.peerId()).orElseThrow();
            assertEquals("alice", row.getString("user"));
            assertEquals("127.0.0.1", row.getString("address"));
            assertEquals(ownOrigin(), row.getString("origin"));
            assertTrue(row.getString("userAgent", "").startsWith("Java-http-client"), row.toString());
            assertEquals(List.of("chat.state-room"), groups(row));
            assertTrue(row.getJsonNumber("framesIn").longValue() >= 1, row.toString());
            assertTrue(row.getJsonNumber("framesOut").longValue() >= 2, "welcome and the reply: " + row);
            assertEquals(0, row.getJsonNumber("pending").longValue());
            assertFalse(Instant.parse(row.getString("since")).isAfter(Instant.now()), row.toString());
            JsonObject group = state.getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                    .filter(g -> g.getString("name").equals("chat.state-room")).findFirst().orElseThrow();
            assertEquals(1, group.getInt("size"));
            assertEquals(List.of(alice.peerId()), strings(group, "members"));
        }
    }

    @Test
    void aConsoleMessageInFragmentsAddingUpToMoreThan64KbClosesTheConsoleWith1009() {
        try (Console dave = monitor();
             Console erin = operator()) {
            String part = "x".repeat(16 * 1024);
            dave.socket.sendFragments("{\"route\":\"manager.watch\",\"id\":1,\"data\":{\"query\":\"", part, part, part,
                    part, "\"}}");
            assertEquals(1009, dave.socket.awaitClose());
            assertEquals("message larger than 65536 bytes", dave.socket.closeReason());
            assertTrue(erin.state().containsKey("peers"), "another console goes on");
        }
    }

    @Test
    void aConsoleMessageInFragmentsUnderTheLimitIsAnswered() {
        try (Console erin = operator()) {
            erin.socket.sendFragments("{\"route\":\"manager.watch\",", "\"id\":7,\"data\":{\"query\":\"", "nobody\"}}");
            JsonObject answer = erin.socket.answerTo(7);
            assertFalse(answer.containsKey("error"), answer.toString());
        }
    }

    @Test
    void theManagerConsoleIsNotListedAmongThePeers() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            JsonObject state = dave.stateWhere("the client listed", s -> row(s, client.peerId()).isPresent());
            assertTrue(row(state, dave.id()).isEmpty(), peerIds(state).toString());
            assertTrue(peerIds(state).stream().noneMatch(id -> id.startsWith("manager-")), peerIds(state).toString());
        }
    }

    @Test
    void theRouteTableCountsTheCallsOfAClient() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            long before = route(dave.stateBuiltAfter(Instant.now()), "hello").getJsonNumber("calls").longValue();
            for (int id = 1; id <= 3; id++) {
                assertEquals("Hello, Ada!", client.call("hello", id, "{\"name\":\"Ada\"}")
                        .getJsonObject("data").getString("message"));
            }
            JsonObject hello = route(dave.stateWhere("three more calls of hello",
                    s -> route(s, "hello").getJsonNumber("calls").longValue() >= before + 3), "hello");
            assertEquals(before + 3, hello.getJsonNumber("calls").longValue());
            assertEquals("bean io.hitch.demo.Hello", hello.getString("bean"));
            assertEquals(0, hello.getJsonNumber("inFlight").longValue());
            assertTrue(hello.getJsonNumber("p50Ms").doubleValue() > 0, hello.toString());
            assertTrue(hello.getJsonNumber("p99Ms").doubleValue() >= hello.getJsonNumber("p50Ms").doubleValue(),
                    hello.toString());
        }
    }

    @Test
    void theRouteTableCountsErrorsByCode() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            long before = errors(route(dave.stateBuiltAfter(Instant.now()), "hello"), "bad_data");
            assertEquals("bad_data", errorCode(client.call("hello", 1, "{\"name\":\"\"}")));
            assertEquals("bad_data", errorCode(client.call("hello", 2, "{}")));
            JsonObject hello = route(dave.stateWhere("two more bad_data errors of hello",
                    s -> errors(route(s, "hello"), "bad_data") >= before + 2), "hello");
            assertEquals(before + 2, errors(hello, "bad_data"));
        }
    }

    @Test
    void aWatchQueryFiltersThePeers() {
        try (HitchTestClient wanted = HitchTestClient.connect(base);
             HitchTestClient other = HitchTestClient.connect(base);
             Console dave = monitor()) {
            dave.stateWhere("both clients listed",
                    s -> row(s, wanted.peerId()).isPresent() && row(s, other.peerId()).isPresent());
            JsonObject reply = dave.call("manager.watch", "{\"query\":\"" + wanted.peerId() + "\"}");
            assertEquals(json("{\"done\":true,\"detail\":\"watching\"}"), reply.getJsonObject("data"));
            JsonObject state = dave.stateBuiltAfter(Instant.now());
            assertEquals(List.of(wanted.peerId()), peerIds(state));
            assertEquals(1, state.getInt("peersMatching"));
        }
    }

    @Test
    void aWatchQueryMatchesTheUserNameWhateverItsLetterCase() {
        try (HitchTestClient alice = HitchTestClient.connectAs(base, "alice", ALICE_PASSWORD);
             HitchTestClient anonymous = HitchTestClient.connect(base);
             Console dave = monitor()) {
            dave.call("manager.watch", "{\"query\":\"ALIC\"}");
            JsonObject state = dave.stateBuiltAfter(Instant.now());
            assertTrue(row(state, alice.peerId()).isPresent(), peerIds(state).toString());
            assertTrue(row(state, anonymous.peerId()).isEmpty(), peerIds(state).toString());
            assertTrue(peerIds(state).stream().allMatch(id -> "alice".equals(row(state, id).orElseThrow()
                    .getString("user", null))), state.get("peers").toString());
        }
    }

    @Test
    void aWatchSortedByIdListsThePeersInTheOrderOfTheirIds() {
        try (HitchTestClient first = HitchTestClient.connect(base);
             HitchTestClient second = HitchTestClient.connect(base);
             HitchTestClient third = HitchTestClient.connect(base);
             Console dave = monitor()) {
            assertEquals("watching", dave.call("manager.watch", "{\"sort\":\"id\"}").getJsonObject("data")
                    .getString("detail"));
            List<String> mine = List.of(first.peerId(), second.peerId(), third.peerId());
            List<String> listed = peerIds(dave.stateBuiltAfter(Instant.now()));
            List<String> sorted = new ArrayList<>(listed);
            sorted.sort(null);
            assertEquals(sorted, listed);
            assertTrue(listed.containsAll(mine), listed + " holds " + mine);
        }
    }

    @Test
    void aWatchWithAnUnknownSortIsAnsweredBadData() {
        try (Console dave = monitor()) {
            assertEquals("bad_data", errorCode(dave.call("manager.watch", "{\"sort\":\"password\"}")));
        }
    }

    @Test
    void theTrafficTailShowsASampledCallWithItsPayload() {
        String marker = "payload-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            JsonObject entry = sampledEcho(client, dave, marker);
            assertEquals("echo", entry.getString("route"));
            assertEquals("\"" + marker + "\"", entry.getString("data"));
        }
    }

    @Test
    void aWatchThatHidesPayloadsShowsTheTrafficWithoutData() {
        String marker = "hidden-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            dave.call("manager.watch", "{\"hidePayloads\":true}");
            JsonObject entry = sampledEcho(client, dave, marker);
            assertEquals("echo", entry.getString("route"));
            assertFalse(entry.containsKey("data") && !entry.isNull("data"), entry.toString());
            assertTrue(dave.transcript().stream().noneMatch(f -> f.contains(marker)), "the payload reached the console");
        }
    }

    @Test
    void aMonitorGetsTheDetailOfOnePeerWithItsAttributes() {
        try (HitchTestClient alice = HitchTestClient.connectAs(base, "alice", ALICE_PASSWORD);
             Console dave = monitor()) {
            alice.call("chat.join", 1, "{\"room\":\"detail-room\",\"name\":\"Alice <b>\"}");
            JsonObject detail = dave.call("manager.peer", "{\"peer\":\"" + alice.peerId() + "\"}").getJsonObject("data");
            JsonObject peer = detail.getJsonObject("peer");
            assertEquals(alice.peerId(), peer.getString("id"));
            assertEquals("alice", peer.getString("user"));
            assertEquals("127.0.0.1", peer.getString("address"));
            assertEquals(List.of("chat.detail-room"), groups(peer));
            assertTrue(detail.getJsonObject("attributes").values().stream()
                    .anyMatch(v -> v.equals(Json.createValue("Alice <b>"))), detail.toString());
        }
    }

    @Test
    void theDetailOfAPeerThatIsNotConnectedIsAnsweredUnavailable() {
        try (Console dave = monitor()) {
            JsonObject reply = dave.call("manager.peer", "{\"peer\":\"no-such-peer\"}");
            assertEquals("unavailable", errorCode(reply));
        }
    }

    // ---------------------------------------------------------------- a monitor may not act

    @Test
    void aMonitorsDisconnectIsForbiddenAndTheClientStaysConnected() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            JsonObject reply = dave.call("manager.disconnect", "{\"peer\":\"" + client.peerId() + "\",\"reason\":\"x\"}");
            assertEquals("forbidden", errorCode(reply));
            assertEquals("you may not call route 'manager.disconnect'", reply.getJsonObject("error").getString("message"));
            assertEquals("still here", client.call("echo", 1, "\"still here\"").getString("data"));
            assertTrue(client.isOpen());
            assertTrue(row(dave.stateBuiltAfter(Instant.now()), client.peerId()).isPresent());
        }
    }

    @Test
    void aMonitorsPushIsForbiddenAndNothingArrives() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator();
             Console dave = monitor()) {
            String group = "monitor-push-" + System.nanoTime();
            erin.call("manager.join", membership(client.peerId(), group));
            String id = client.peerId();
            assertEquals("forbidden", errorCode(dave.call("manager.push",
                    "{\"target\":\"peer\",\"peer\":\"" + id + "\",\"route\":\"ops.notice\",\"data\":1}")));
            assertEquals("forbidden", errorCode(dave.call("manager.push",
                    "{\"target\":\"group\",\"group\":\"" + group + "\",\"route\":\"ops.notice\",\"data\":2}")));
            assertEquals("forbidden", errorCode(dave.call("manager.push",
                    "{\"target\":\"all\",\"route\":\"ops.notice\",\"data\":3}")));
            assertNothingButTheWelcomeAndEchoArrived(client);
        }
    }

    @Test
    void aMonitorsJoinIsForbiddenAndTheClientsGroupsStayAsTheyWere() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            String group = "monitor-join-" + System.nanoTime();
            assertEquals("forbidden", errorCode(dave.call("manager.join", membership(client.peerId(), group))));
            JsonObject state = dave.stateBuiltAfter(Instant.now());
            assertEquals(List.of(), groups(row(state, client.peerId()).orElseThrow()));
            assertTrue(groupNames(state).stream().noneMatch(group::equals), groupNames(state).toString());
        }
    }

    @Test
    void aMonitorsLeaveIsForbiddenAndTheClientsGroupsStayAsTheyWere() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator();
             Console dave = monitor()) {
            String group = "monitor-leave-" + System.nanoTime();
            assertTrue(erin.call("manager.join", membership(client.peerId(), group)).getJsonObject("data")
                    .getBoolean("done"));
            assertEquals("forbidden", errorCode(dave.call("manager.leave", membership(client.peerId(), group))));
            JsonObject state = dave.stateBuiltAfter(Instant.now());
            assertEquals(List.of(group), groups(row(state, client.peerId()).orElseThrow()));
        }
    }

    @Test
    void aMonitorsTestRequestIsForbiddenAndTheRouteDoesNotRun() {
        try (Console dave = monitor()) {
            long before = route(dave.stateBuiltAfter(Instant.now()), "hello").getJsonNumber("calls").longValue();
            JsonObject reply = dave.call("manager.call", "{\"route\":\"hello\",\"data\":{\"name\":\"Ada\"}}");
            assertEquals("forbidden", errorCode(reply));
            assertEquals(before, route(dave.stateBuiltAfter(Instant.now()), "hello").getJsonNumber("calls").longValue());
        }
    }

    @Test
    void aMonitorsRefusedActionsAreNotLoggedAsOperations() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console dave = monitor()) {
            assertEquals("forbidden", errorCode(dave.call("manager.disconnect", "{\"peer\":\"" + client.peerId() + "\"}")));
            assertEquals("forbidden", errorCode(dave.call("manager.call", "{\"route\":\"echo\",\"data\":1}")));
            HitchTestClient.eventually("the console's opening logged", ManagerIT::log,
                    l -> l.contains("Manager console opened by dave"));
            assertTrue(log().lines().noneMatch(l -> l.contains("Operator dave ")), "a refused action was logged as done");
        }
    }

    // ---------------------------------------------------------------- an operator acts

    @Test
    void anOperatorsDisconnectClosesTheClientWith4000AndTheReason() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            JsonObject reply = erin.call("manager.disconnect",
                    "{\"peer\":\"" + client.peerId() + "\",\"reason\":\"maintenance window\"}");
            assertEquals(json("{\"done\":true,\"detail\":\"disconnected " + client.peerId() + "\"}"),
                    reply.getJsonObject("data"));
            assertEquals(4000, client.awaitClose());
            assertEquals("maintenance window", client.closeReason());
            erin.stateWhere("the client gone", s -> row(s, client.peerId()).isEmpty());
        }
    }

    @Test
    void anOperatorsDisconnectWithoutAReasonGivesTheDefaultReason() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            erin.call("manager.disconnect", "{\"peer\":\"" + client.peerId() + "\"}");
            assertEquals(4000, client.awaitClose());
            assertEquals("disconnected by an operator", client.closeReason());
        }
    }

    @Test
    void anOperatorsLongNonAsciiReasonReachesTheClientCutAtACharacterBoundary() {
        String reason = "a" + "\u00e9".repeat(99); // 100 characters, 199 bytes of UTF-8
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            erin.call("manager.disconnect", "{\"peer\":\"" + client.peerId() + "\",\"reason\":\"" + reason + "\"}");
            assertEquals(4000, client.awaitClose());
            String received = client.closeReason();
            assertTrue(received.getBytes(StandardCharsets.UTF_8).length <= 123, received);
            assertTrue(received.length() >= 50 && reason.startsWith(received),
                    "the reason arrived as " + received.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
        }
    }

    @Test
    void anOperatorsDisconnectOfAPeerThatIsNotConnectedIsAnsweredUnavailable() {
        try (Console erin = operator()) {
            assertEquals("unavailable", errorCode(erin.call("manager.disconnect", "{\"peer\":\"no-such-peer\"}")));
        }
    }

    @Test
    void anOperatorsPushToAPeerArrivesAtThatPeerOnly() {
        try (HitchTestClient target = HitchTestClient.connect(base);
             HitchTestClient bystander = HitchTestClient.connect(base);
             Console erin = operator()) {
            JsonObject reply = erin.call("manager.push", "{\"target\":\"peer\",\"peer\":\"" + target.peerId()
                    + "\",\"route\":\"ops.notice\",\"data\":{\"text\":\"for you\"}}");
            assertEquals(json("{\"done\":true,\"detail\":\"pushed to peer " + target.peerId() + "\"}"),
                    reply.getJsonObject("data"));
            assertEquals(json("{\"route\":\"ops.notice\",\"data\":{\"text\":\"for you\"}}"), HitchTestClient.unnumbered(target.nextPush("ops.notice")));
            assertNothingButTheWelcomeAndEchoArrived(bystander);
        }
    }

    @Test
    void anOperatorsPushToAGroupArrivesAtItsMembersOnly() {
        String group = "ops-team-" + System.nanoTime();
        try (HitchTestClient member = HitchTestClient.connect(base);
             HitchTestClient otherMember = HitchTestClient.connect(base);
             HitchTestClient outsider = HitchTestClient.connect(base);
             Console erin = operator()) {
            erin.call("manager.join", membership(member.peerId(), group));
            erin.call("manager.join", membership(otherMember.peerId(), group));
            JsonObject reply = erin.call("manager.push", "{\"target\":\"group\",\"group\":\"" + group
                    + "\",\"route\":\"ops.notice\",\"data\":\"team meeting\"}");
            assertEquals(json("{\"done\":true,\"detail\":\"pushed to group " + group + "\"}"),
                    reply.getJsonObject("data"));
            JsonValue expected = json("{\"route\":\"ops.notice\",\"data\":\"team meeting\"}");
            assertEquals(expected, HitchTestClient.unnumbered(member.nextPush("ops.notice")));
            assertEquals(expected, HitchTestClient.unnumbered(otherMember.nextPush("ops.notice")));
            assertNothingButTheWelcomeAndEchoArrived(outsider);
        }
    }

    @Test
    void anOperatorsPushOnARouteOfTheReservedHitchPrefixIsAnsweredBadDataAndNotSent() {
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            JsonObject reply = erin.call("manager.push", "{\"target\":\"peer\",\"peer\":\"" + client.peerId()
                    + "\",\"route\":\"hitch.welcome\",\"data\":{\"protocol\":\"hitch/1\",\"peer\":\"spoofed\"}}");
            assertEquals("bad_data", errorCode(reply), "a console may not fake a welcome: " + reply);
            assertNothingButTheWelcomeAndEchoArrived(client);
        }
    }

    @Test
    void anOperatorsPushOnAnInvalidRouteNameIsAnsweredBadData() {
        try (Console erin = operator()) {
            JsonObject reply = erin.call("manager.push", "{\"target\":\"all\",\"route\":\"not a route\",\"data\":1}");
            assertEquals("bad_data", errorCode(reply), reply.toString());
        }
    }

    @Test
    void anOperatorsPushToAGroupWithoutAGroupNameIsAnsweredBadData() {
        try (Console erin = operator()) {
            assertEquals("bad_data", errorCode(erin.call("manager.push",
                    "{\"target\":\"group\",\"route\":\"ops.notice\",\"data\":1}")));
        }
    }

    @Test
    void anOperatorsPushToAllArrivesAtEveryClientButNotAtTheConsoles() {
        try (HitchTestClient one = HitchTestClient.connect(base);
             HitchTestClient two = HitchTestClient.connect(base);
             Console dave = monitor();
             Console erin = operator()) {
            String text = "all-" + System.nanoTime();
            JsonObject reply = erin.call("manager.push", "{\"target\":\"all\",\"route\":\"ops.notice\",\"data\":\""
                    + text + "\"}");
            assertEquals(json("{\"done\":true,\"detail\":\"pushed to every peer\"}"), reply.getJsonObject("data"));
            JsonValue expected = json("{\"route\":\"ops.notice\",\"data\":\"" + text + "\"}");
            assertEquals(expected, HitchTestClient.unnumbered(one.nextPush("ops.notice")));
            assertEquals(expected, HitchTestClient.unnumbered(two.nextPush("ops.notice")));
            // Any frame queued for a console before the next state was built has arrived before it.
            erin.stateBuiltAfter(Instant.now());
            dave.stateBuiltAfter(Instant.now());
            assertTrue(erin.transcript().stream().noneMatch(f -> f.contains("ops.notice")), "the operator's console");
            assertTrue(dave.transcript().stream().noneMatch(f -> f.contains("ops.notice")), "a monitor's console");
        }
    }

    @Test
    void anOperatorsJoinPutsTheClientInTheGroupAsTheNextStateShows() {
        String group = "joined-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            JsonObject reply = erin.call("manager.join", membership(client.peerId(), group));
            assertEquals(json("{\"done\":true,\"detail\":\"" + client.peerId() + " in " + group + "\"}"),
                    reply.getJsonObject("data"));
            JsonObject state = erin.stateBuiltAfter(Instant.now());
            assertEquals(List.of(group), groups(row(state, client.peerId()).orElseThrow()));
            JsonObject row = state.getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                    .filter(g -> g.getString("name").equals(group)).findFirst().orElseThrow();
            assertEquals(json("{\"members\":[\"" + client.peerId() + "\"],\"name\":\"" + group + "\",\"size\":1}"), row);
        }
    }

    @Test
    void anOperatorsJoinOfAGroupTheClientIsInAlreadyChangesNothing() {
        String group = "twice-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            erin.call("manager.join", membership(client.peerId(), group));
            JsonObject reply = erin.call("manager.join", membership(client.peerId(), group));
            assertEquals(json("{\"done\":false,\"detail\":\"no change: " + client.peerId() + " in " + group + "\"}"),
                    reply.getJsonObject("data"));
        }
    }

    @Test
    void anOperatorsLeaveTakesTheClientOutOfTheGroupAsTheNextStateShows() {
        String group = "left-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            erin.call("manager.join", membership(client.peerId(), group));
            erin.stateWhere("the client in the group",
                    s -> row(s, client.peerId()).map(r -> groups(r).contains(group)).orElse(false));
            JsonObject reply = erin.call("manager.leave", membership(client.peerId(), group));
            assertEquals(json("{\"done\":true,\"detail\":\"" + client.peerId() + " not in " + group + "\"}"),
                    reply.getJsonObject("data"));
            JsonObject state = erin.stateBuiltAfter(Instant.now());
            assertEquals(List.of(), groups(row(state, client.peerId()).orElseThrow()));
            assertFalse(groupNames(state).contains(group), "an empty group is gone: " + groupNames(state));
        }
    }

    @Test
    void anOperatorsJoinOfAPeerThatIsNotConnectedIsAnsweredUnavailable() {
        try (Console erin = operator()) {
            assertEquals("unavailable", errorCode(erin.call("manager.join", membership("no-such-peer", "g"))));
        }
    }

    @Test
    void anOperatorsTestRequestToHelloIsAnsweredAsTheRouteAnswersAClient() {
        try (Console erin = operator()) {
            JsonObject reply = erin.call("manager.call", "{\"route\":\"hello\",\"data\":{\"name\":\"Ada\"}}");
            assertEquals(json("{\"re\":1,\"data\":{\"message\":\"Hello, Ada!\"}}"), reply.getJsonObject("data"));
        }
    }

    @Test
    void anOperatorsTestRequestWithBadDataIsAnsweredWithTheRoutesError() {
        try (Console erin = operator()) {
            JsonObject answer = erin.call("manager.call", "{\"route\":\"hello\",\"data\":{\"name\":\"\"}}")
                    .getJsonObject("data");
            assertEquals(1, answer.getInt("re"));
            assertFalse(answer.containsKey("data"), answer.toString());
            JsonObject error = answer.getJsonObject("error");
            assertEquals("bad_data", error.getString("code"));
            assertEquals(json("[{\"path\":\"name\",\"message\":\"must not be blank\"}]"),
                    error.get("details"), error.toString());
        }
    }

    @Test
    void anOperatorsTestRequestToAnUnknownRouteIsAnsweredUnknownRoute() {
        try (Console erin = operator()) {
            JsonObject answer = erin.call("manager.call", "{\"route\":\"no.such.route\"}").getJsonObject("data");
            assertEquals(1, answer.getInt("re"));
            assertEquals("unknown_route", answer.getJsonObject("error").getString("code"));
        }
    }

    @Test
    void anOperatorsTestRequestIsCountedInTheRouteTable() {
        try (Console erin = operator()) {
            long before = route(erin.stateBuiltAfter(Instant.now()), "hello").getJsonNumber("calls").longValue();
            erin.call("manager.call", "{\"route\":\"hello\",\"data\":{\"name\":\"Ada\"}}");
            erin.stateWhere("the test request counted",
                    s -> route(s, "hello").getJsonNumber("calls").longValue() == before + 1);
        }
    }

    @Test
    void everyOperatorActionIsLoggedWithTheOperatorsName() {
        String group = "logged-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            String id = client.peerId();
            erin.call("manager.push", "{\"target\":\"peer\",\"peer\":\"" + id + "\",\"route\":\"ops.logged\"}");
            erin.call("manager.join", membership(id, group));
            erin.call("manager.leave", membership(id, group));
            erin.call("manager.call", "{\"route\":\"hello\",\"data\":{\"name\":\"Log\"}}");
            erin.call("manager.disconnect", "{\"peer\":\"" + id + "\",\"reason\":\"logged " + group + "\"}");
            List<String> expected = List.of(
                    "Operator erin pushed 'ops.logged' to peer " + id,
                    "Operator erin added peer " + id + " to group " + group,
                    "Operator erin removed peer " + id + " from group " + group,
                    "Operator erin sent a test request to 'hello'",
                    "Operator erin disconnected peer " + id + " (logged " + group + ")");
            HitchTestClient.eventually("every action logged", ManagerIT::log,
                    l -> expected.stream().allMatch(l::contains));
        }
    }

    @Test
    void anOperatorsTextWithALineBreakCannotForgeALineOfTheLog() {
        String forged = "Operator mallory disconnected peer forged-" + System.nanoTime();
        try (HitchTestClient client = HitchTestClient.connect(base);
             Console erin = operator()) {
            erin.call("manager.join", "{\"peer\":\"" + client.peerId() + "\",\"group\":\"g\\n" + forged + "\"}");
            erin.call("manager.disconnect", "{\"peer\":\"" + client.peerId() + "\",\"reason\":\"bye\\n" + forged + "\"}");
            String log = HitchTestClient.eventually("the disconnect logged", ManagerIT::log,
                    l -> l.contains("Operator erin disconnected peer " + client.peerId()));
            assertTrue(log.lines().noneMatch(l -> l.startsWith(forged)), "a log line starts with: " + forged);
        }
    }

    @Test
    void aClientsCloseReasonWithALineBreakCannotForgeAnOperatorsLineOfTheLog() {
        String forged = "Operator erin disconnected peer forged-" + System.nanoTime();
        HitchTestClient client = HitchTestClient.connect(base);
        client.closeWith(1000, "bye\n" + forged);
        String log = HitchTestClient.eventually("the close logged", ManagerIT::log,
                l -> l.contains("Peer " + client.peerId() + " disconnected"));
        assertTrue(log.lines().noneMatch(l -> l.startsWith(forged)), "a log line starts with: " + forged);
    }

    // ---------------------------------------------------------------- no secrets

    @Test
    void theStateHoldsNoPasswordOrAuthorizationHeaderValue() {
        String cookie = "it-secret-cookie-" + System.nanoTime();
        String aliceCredentials = HitchTestClient.basic("alice", ALICE_PASSWORD);
        try (HitchTestClient alice = HitchTestClient.connect(base,
                Map.of("Authorization", aliceCredentials, "Cookie", "session=" + cookie));
             Console erin = operator()) {
            alice.call("chat.join", 1, "{\"room\":\"secrets\",\"name\":\"Alice\"}");
            erin.stateWhere("alice listed", s -> row(s, alice.peerId()).isPresent());
            erin.call("manager.peer", "{\"peer\":\"" + alice.peerId() + "\"}");
            String everything = String.join("\n", erin.transcript());
            for (String secret : List.of(ALICE_PASSWORD, ERIN_PASSWORD, aliceCredentials.substring(6),
                    HitchTestClient.basic("erin", ERIN_PASSWORD).substring(6), "Basic ", cookie)) {
                assertFalse(everything.contains(secret), "the console received " + secret);
            }
            assertTrue(everything.contains(alice.peerId()), "the console saw alice's peer");
        }
    }

    @Test
    void theServerLogHoldsNoPasswordOrAuthorizationHeaderValue() {
        String aliceCredentials = HitchTestClient.basic("alice", ALICE_PASSWORD);
        try (HitchTestClient alice = HitchTestClient.connect(base, Map.of("Authorization", aliceCredentials));
             Console erin = operator()) {
            erin.call("manager.disconnect", "{\"peer\":\"" + alice.peerId() + "\",\"reason\":\"secrets\"}");
            String log = HitchTestClient.eventually("the disconnect logged", ManagerIT::log,
                    l -> l.contains("disconnected peer " + alice.peerId()));
            for (String secret : List.of(ALICE_PASSWORD, ERIN_PASSWORD, aliceCredentials.substring(6),
                    HitchTestClient.basic("erin", ERIN_PASSWORD).substring(6))) {
                assertFalse(log.contains(secret), "the log holds " + secret);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A manager console connection, as the page holds one: it numbers its requests itself. */
    private static final class Console implements AutoCloseable {
        private final HitchTestClient socket;
        private final JsonObject welcome;
        private long ids;

        Console(HitchTestClient socket) {
            this.socket = socket;
            this.welcome = socket.next(f -> "hitch.welcome".equals(f.getString("route", null)));
        }

        /** @return the console's own id, as its welcome announced it */
        String id() {
            return welcome.getJsonObject("data").getString("peer");
        }

        JsonObject call(String route, String dataJson) {
            return socket.call(route, ++ids, dataJson);
        }

        /** @return the data of the next {@code manager.state} push */
        JsonObject state() {
            return socket.nextPush("manager.state").getJsonObject("data");
        }

        /** @return the data of the first state, from now on, that {@code done} accepts, waiting up to 20 s */
        JsonObject stateWhere(String what, Predicate<JsonObject> done) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonObject last = null;
            while (System.nanoTime() - deadline < 0) {
                last = state();
                if (done.test(last)) {
                    return last;
                }
            }
            throw new AssertionError("no state " + what + " within " + WAIT + "; last seen: " + last);
        }

        /**
         * @return the first state built after {@code moment}: stamped later by a margin far wider
         *         than building one takes, so it shows whatever was done before {@code moment}
         */
        JsonObject stateBuiltAfter(Instant moment) {
            Instant after = moment.plusMillis(100);
            return stateWhere("built after " + moment, s -> Instant.parse(s.getString("at")).isAfter(after));
        }

        List<String> transcript() {
            return socket.transcript();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private Console monitor() {
        return console("dave", DAVE_PASSWORD);
    }

    private Console operator() {
        return console("erin", ERIN_PASSWORD);
    }

    private Console console(String user, String password) {
        return new Console(HitchTestClient.connectTo(base, PATH,
                Map.of("Authorization", HitchTestClient.basic(user, password)), SUBPROTOCOL));
    }

    /** @return the answer to a GET of the manager's page, {@code /manager/} */
    private HttpResponse<String> page(Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(HitchTestClient.resource(base, "manager/")).timeout(WAIT).GET();
        headers.forEach(request::header);
        try {
            return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String ownOrigin() {
        return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    /** The client got no frame but its welcome: an echo's reply, queued after anything sent before, proves it. */
    private static void assertNothingButTheWelcomeAndEchoArrived(HitchTestClient client) {
        String marker = "barrier-" + System.nanoTime();
        assertEquals(marker, client.call("echo", 999_999, "\"" + marker + "\"").getString("data"));
        assertTrue(client.isOpen(), "the client is still connected");
        List<String> frames = client.transcript();
        assertEquals(2, frames.size(), "frames received: " + frames);
        assertTrue(frames.get(0).startsWith("{\"route\":\"hitch.welcome\""), frames.get(0));
    }

    /**
     * Calls {@code echo} with {@code marker} until the traffic tail shows the call: it samples ten
     * calls a second, so a call in a busy second may be left out; one in the next second is not.
     *
     * @return the client's entry in the traffic tail
     */
    private static JsonObject sampledEcho(HitchTestClient client, Console console, String marker) {
        long[] id = {1};
        client.call("echo", id[0], "\"" + marker + "\"");
        JsonObject state = console.stateWhere("the echo sampled", s -> {
            if (traffic(s, client.peerId()).isPresent()) {
                return true;
            }
            client.call("echo", ++id[0], "\"" + marker + "\"");
            return false;
        });
        return traffic(state, client.peerId()).orElseThrow();
    }

    private static String membership(String peer, String group) {
        return "{\"peer\":\"" + peer + "\",\"group\":\"" + group + "\"}";
    }

    private static Optional<JsonObject> row(JsonObject state, String peerId) {
        return state.getJsonArray("peers").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals(peerId)).findFirst();
    }

    private static List<String> peerIds(JsonObject state) {
        return state.getJsonArray("peers").getValuesAs(JsonObject.class).stream().map(p -> p.getString("id")).toList();
    }

    private static List<String> groupNames(JsonObject state) {
        return state.getJsonArray("groups").getValuesAs(JsonObject.class).stream().map(g -> g.getString("name")).toList();
    }

    private static List<String> groups(JsonObject peerRow) {
        return strings(peerRow, "groups");
    }

    private static List<String> strings(JsonObject object, String member) {
        return object.containsKey(member)
                ? object.getJsonArray(member).getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList()
                : List.of();
    }

    private static JsonObject route(JsonObject state, String name) {
        return state.getJsonArray("routes").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + name + " in " + state.get("routes")));
    }

    private static long errors(JsonObject route, String code) {
        JsonObject errors = route.getJsonObject("errors");
        return errors == null || !errors.containsKey(code) ? 0 : errors.getJsonNumber(code).longValue();
    }

    private static Optional<JsonObject> traffic(JsonObject state, String peerId) {
        return state.getJsonArray("traffic").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("peer").equals(peerId)).findFirst();
    }

    private static String errorCode(JsonObject answer) {
        JsonObject error = answer.getJsonObject("error");
        if (error == null) {
            throw new AssertionError("not an error reply: " + answer);
        }
        return error.getString("code");
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static String log() {
        try {
            return ServerLog.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
