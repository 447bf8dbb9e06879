package io.hitch.client;

import io.hitch.protocol.ErrorCode;
import io.hitch.protocol.MessageId;
import io.hitch.protocol.RouteNames;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads the server's frames: answers go to the link, pushes and server requests to their handlers. */
final class FrameReader {

    private final Link link;
    private final Inbound inbound;
    private final Resumption resumption;

    FrameReader(Link link, Inbound inbound, Resumption resumption) {
        this.link = link;
        this.inbound = inbound;
        this.resumption = resumption;
    }

    void read(Link.Attempt attempt, String text) {
        if (!(JsonCodec.parse(text) instanceof JsonObject frame)) {
            link.report(new HitchException(ErrorCode.BAD_FRAME, "a frame from the server is not a JSON object", null));
            return;
        }
        JsonValue data = frame.getOrDefault("data", JsonValue.NULL);
        if (frame.containsKey("re")) {
            // This client's ids are integers: an answer under any other id waits for nothing here.
            if (frame.get("re") instanceof JsonNumber re && re.isIntegral()) {
                link.answered(attempt, re.longValue(), data, error(frame.get("error"), null));
            }
            return;
        }
        if (!(frame.get("route") instanceof JsonString routeValue)) {
            link.report(new HitchException(ErrorCode.BAD_FRAME, "a frame from the server has neither re nor route", null));
            return;
        }
        String route = routeValue.getString();
        String from = frame.get("from") instanceof JsonString s ? s.getString() : null;
        JsonValue id = frame.get("id");
        if (id == null || id == JsonValue.NULL) {
            if (RouteNames.WELCOME.equals(route)) {
                link.welcomed(attempt, Welcome.from(data), Resumption.token(data));
            } else if (RouteNames.ERROR.equals(route)) {
                String failed = data instanceof JsonObject o && o.get("route") instanceof JsonString r ? r.getString() : null;
                link.report(error(data, failed));
            } else if (!resumption.fresh(frame)) {
                return; // had it already: each push is handled once
            }
            inbound.push(route, data, from);
            return;
        }
        MessageId requestId = requestId(id);
        if (requestId == null) {
            link.report(new HitchException(ErrorCode.BAD_FRAME, "a request from the server has an invalid id: " + id, null));
            return;
        }
        inbound.request(route, requestId, data, from, attempt::send);
    }

    private static MessageId requestId(JsonValue id) {
        try {
            if (id instanceof JsonNumber n && n.isIntegral()) {
                return MessageId.of(n.longValueExact());
            }
            if (id instanceof JsonString s) {
                return MessageId.of(s.getString());
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** @return the error an error reply or a {@code hitch.error} push carries; null for none */
    private static HitchException error(JsonValue error, String route) {
        if (error == null || error == JsonValue.NULL) {
            return null;
        }
        if (!(error instanceof JsonObject e)) {
            return new HitchException(ErrorCode.INTERNAL, "malformed error from the server: " + error, null, route);
        }
        String code = e.get("code") instanceof JsonString c && !c.getString().isEmpty() ? c.getString() : ErrorCode.INTERNAL;
        String message = e.get("message") instanceof JsonString m ? m.getString() : code;
        return new HitchException(code, message, e.get("details"), route);
    }
}
