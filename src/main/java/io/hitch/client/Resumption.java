package io.hitch.client;

import io.hitch.protocol.RouteNames;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Missed-message recovery (PROTOCOL.md §5.5): the last {@code seq} received per stream, the last
 * welcome's resume token, and the {@code hitch.resume} call of a connection that resumes. Its own
 * monitor guards it; it never calls out while holding it.
 */
final class Resumption {

    static final String PARAMETER = "resume";
    private static final String PEER_STREAM = "peer:";

    private final boolean enabled;
    private final ConnectionListener listener;
    private final Executor inOrder;
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private String token;
    private String peer;
    // The previous connection's peer id while the current one resumes it: its stream is still needed.
    private String resumingPeer;

    Resumption(boolean enabled, ConnectionListener listener, Executor inOrder) {
        this.enabled = enabled;
        this.listener = listener;
        this.inOrder = inOrder;
    }

    /**
     * Records a push's position in its stream.
     *
     * @return false for a duplicate: its {@code seq} is not above the last one of its stream
     */
    boolean fresh(JsonObject push) {
        if (!(push.get("stream") instanceof JsonString stream) || !(push.get("seq") instanceof JsonNumber seq)
                || !seq.isIntegral()) {
            return true; // not numbered (recovery is off on the server): nothing to compare
        }
        long n = seq.longValue();
        synchronized (this) {
            Long last = seen.get(stream.getString());
            if (last != null && n <= last) {
                return false;
            }
            seen.put(stream.getString(), n);
            return true;
        }
    }

    /** @return the welcome's resume token; null when the server keeps no pushes */
    static String token(JsonValue welcomeData) {
        return welcomeData instanceof JsonObject w && w.get(PARAMETER) instanceof JsonString s && !s.getString().isEmpty()
                ? s.getString() : null;
    }

    /** A connection was welcomed: its token resumes it next time. */
    synchronized void welcomed(String newPeer, String newToken) {
        token = newToken;
        peer = newPeer;
        // Streams of earlier connections' peer ids never get another push: keep only the live ones.
        seen.keySet().removeIf(s -> s.startsWith(PEER_STREAM) && !s.equals(PEER_STREAM + newPeer)
                && !s.equals(PEER_STREAM + resumingPeer));
    }

    /**
     * Called before each connection attempt.
     *
     * @return the {@code hitch.resume} call to send first when this attempt resumes the last
     *         welcomed connection; null for a fresh connection
     */
    synchronized Call begin(long timeoutMillis) {
        resumingPeer = null;
        if (!enabled || token == null) {
            return null;
        }
        JsonObjectBuilder positions = Json.createObjectBuilder();
        seen.forEach(positions::add);
        String data = Json.createObjectBuilder().add("token", token).add("seen", positions).build().toString();
        // Answered in order with the pushes, so that recovered() comes after every replayed push.
        Call call = new Call(RouteNames.RESUME, data, true, timeoutMillis, inOrder);
        String previous = peer;
        resumingPeer = previous;
        call.result.whenComplete((reply, failure) -> {
            ended(previous);
            if (failure == null) {
                recovered(previous, reply);
            } else {
                listener.recoveryFailed(HitchException.of(failure));
            }
        });
        return call;
    }

    private void recovered(String previous, JsonValue reply) {
        JsonObject r = reply instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        List<String> groups = r.get("groups") instanceof jakarta.json.JsonArray a
                ? a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList()
                : List.of();
        listener.recovered(r.getString("peer", previous), groups, r.getInt("replayed", 0));
    }

    private synchronized void ended(String previous) {
        seen.remove(PEER_STREAM + previous);
        if (java.util.Objects.equals(previous, resumingPeer)) {
            resumingPeer = null;
        }
    }

    /** @return {@code uri} with {@code resume=1} in place of any {@code resume} parameter, the others kept */
    static URI resuming(URI uri) {
        String query = uri.getRawQuery();
        String kept = query == null ? "" : Arrays.stream(query.split("&"))
                .filter(p -> !p.isEmpty() && !p.equals(PARAMETER) && !p.startsWith(PARAMETER + "="))
                .collect(Collectors.joining("&"));
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "?"
                + (kept.isEmpty() ? "" : kept + "&") + PARAMETER + "=1" + fragment);
    }
}
