package io.hitch.transport;

import io.hitch.peers.FrameSink;
import jakarta.websocket.Session;

/** Makes {@link FrameSink}s of container sessions for endpoints outside this package. */
public final class WebSocketSinks {

    private WebSocketSinks() {
    }

    /** @return a non-blocking sink sending over {@code session}; it never writes in place */
    public static FrameSink of(Session session) {
        return new WebSocketSink(session, null);
    }
}
