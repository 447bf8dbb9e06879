package io.hitch.dispatch;

import io.hitch.api.RouteHandler;
import io.hitch.config.HitchConfig;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WelcomeTest {

    private static final RouteHandler<Object, Object> ECHO = (data, caller) -> data;

    private static RouteEntry entry(String name) {
        return new RouteEntry(name, ECHO, JsonValue.class, JsonValue.class, false, "bean " + name);
    }

    @Test
    void theWelcomeAnnouncesProtocolPeerSortedRoutesLimitsAndTimings() {
        Welcome welcome = new Welcome(RouteTable.of(List.of(entry("hello"), entry("echo"))), HitchConfig.defaults());

        assertEquals("{\"route\":\"hitch.welcome\",\"data\":{\"protocol\":\"hitch/1\",\"peer\":\"3f9c1e07\","
                + "\"routes\":[\"echo\",\"hello\"],\"limits\":{\"maxFrameBytes\":65536,\"maxInFlight\":64},"
                + "\"heartbeatMs\":25000,\"requestTimeoutMs\":30000}}", welcome.frameFor("3f9c1e07"));
    }

    @Test
    void theWelcomeCarriesTheConfiguredValues() {
        HitchConfig config = HitchConfig.from(key -> Optional.ofNullable(Map.of(
                "hitch.max-frame-bytes", "1024", "hitch.max-in-flight", "2", "hitch.heartbeat-ms", "0",
                "hitch.request-timeout-ms", "100").get(key)));

        assertEquals("{\"route\":\"hitch.welcome\",\"data\":{\"protocol\":\"hitch/1\",\"peer\":\"p\",\"routes\":[],"
                + "\"limits\":{\"maxFrameBytes\":1024,\"maxInFlight\":2},\"heartbeatMs\":0,\"requestTimeoutMs\":100}}",
                new Welcome(RouteTable.of(List.of()), config).frameFor("p"));
    }

    @Test
    void eachConnectionGetsItsOwnPeerIdEscaped() {
        Welcome welcome = new Welcome(RouteTable.of(List.of(entry("a"))), HitchConfig.defaults());

        assertEquals(welcome.frameFor("x").replace("\"peer\":\"x\"", "\"peer\":\"a\\\"b\""), welcome.frameFor("a\"b"));
    }
}
