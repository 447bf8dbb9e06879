package io.hitch.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.List;

/**
 * The server's {@code hitch.welcome}, the first frame of every connection (PROTOCOL.md §5.1).
 *
 * @param protocol       always {@code hitch/1}
 * @param peer           this connection's peer id; other clients relay to it
 * @param routes         the server's application routes, sorted
 * @param maxFrameBytes  the largest frame the server accepts (0 when not announced)
 * @param maxInFlight    how many requests of this connection the server runs at once (0 when not announced)
 * @param heartbeat      how long to stay silent before a {@code hitch.ping}; zero for none
 * @param requestTimeout the request timeout the server advises
 */
public record Welcome(String protocol, String peer, List<String> routes, int maxFrameBytes, int maxInFlight,
                      Duration heartbeat, Duration requestTimeout) {

    public Welcome {
        routes = List.copyOf(routes);
    }

    static Welcome from(JsonValue data) {
        JsonObject w = data instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        JsonObject limits = w.get("limits") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        List<String> routes = w.get("routes") instanceof jakarta.json.JsonArray a
                ? a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList()
                : List.of();
        return new Welcome(w.getString("protocol", ""), w.getString("peer", null), routes,
                limits.getInt("maxFrameBytes", 0), limits.getInt("maxInFlight", 0),
                Duration.ofMillis(Math.max(0, w.getInt("heartbeatMs", 0))),
                Duration.ofMillis(Math.max(0, w.getInt("requestTimeoutMs", 0))));
    }
}
