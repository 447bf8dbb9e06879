package io.hitch.transport;

import io.hitch.peers.FrameSink;
import jakarta.websocket.Session;

import java.util.concurrent.Executor;

/** Makes {@link FrameSink}s of container sessions for endpoints outside this package. */
public final class WebSocketSinks {

    private WebSocketSinks() {
    }

    /**
     * @param session  the container's session
     * @param blocking runs pings and closes, which may block on a client that does not read
     * @return a non-blocking sink sending over {@code session}; it never writes in place
     */
    public static FrameSink of(Session session, Executor blocking) {
        return new WebSocketSink(session, null, blocking);
    }
}
