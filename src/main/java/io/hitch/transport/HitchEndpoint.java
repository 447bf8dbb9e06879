package io.hitch.transport;

import io.hitch.dispatch.HitchRuntime;
import io.hitch.dispatch.Inbound;
import io.hitch.peers.Handshake;
import io.hitch.peers.PeerRegistry;
import io.hitch.peers.PeerSession;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hitch/1 WebSocket endpoint. It only translates container callbacks into calls on the peer
 * registry and the inbound path; it holds no logic of its own.
 */
@Dependent
@ServerEndpoint(value = "/ws", subprotocols = HitchEndpoint.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class HitchEndpoint {

    /** The WebSocket subprotocol of hitch/1; clients may also offer none. */
    public static final String SUBPROTOCOL = "hitch.v1";
    private static final String PEER = "io.hitch.peer";
    private static final Logger LOG = Logger.getLogger("io.hitch");
    // One bound for every connection of the application. A plain object, not a CDI bean: a call
    // through a client proxy would cost on every frame.
    private static final InPlaceWrites IN_PLACE_WRITES = new InPlaceWrites(InPlaceWrites.DEFAULT_MAX);

    @Inject
    HitchRuntime runtime;
    @Inject
    PeerRegistry peers;
    // Pings and closes of a client that does not read may block: they run here, never on the caller.
    @Inject
    BlockingWrites blocking;

    // Looked up once per connection: each call through a CDI client proxy costs on every frame.
    private volatile Inbound inbound;

    @OnOpen
    public void open(Session session) {
        inbound = runtime.inbound();
        session.setMaxTextMessageBufferSize(runtime.config().maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(runtime.config().maxFrameBytes());
        session.setMaxIdleTimeout(runtime.config().idleTimeoutMs());
        Handshake handshake = HandshakeConfigurator.handshakeOf(session);
        // Taken first: once the session is closed the container no longer hands out its properties.
        Map<String, Object> properties = session.getUserProperties();
        PeerSession peer = peers.open(new WebSocketSink(session, IN_PLACE_WRITES, blocking), handshake, runtime.welcome()::frameFor);
        properties.put(PEER, peer);
        // A client that went away while the peer was being opened (the welcome's write failed) had
        // its close callback find no peer: forget the peer here, or it would stay registered.
        if (!session.isOpen()) {
            peers.closed(peer, CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "closed while opening");
        }
    }

    @OnMessage
    public void text(Session session, String text) {
        PeerSession peer = peer(session);
        if (peer == null) {
            return;
        }
        peer.received(text.length());
        peer.ponged();
        peer.reading();
        try {
            inbound.onText(peer, text);
        } finally {
            peer.readDone();
        }
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        PeerSession peer = peer(session);
        if (peer == null) {
            return;
        }
        peer.received();
        inbound.onBinary(peer);
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        PeerSession peer = peer(session);
        if (peer != null) {
            peer.ponged();
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        PeerSession peer = peer(session);
        // A peer closed by the shutdown is already recorded, and the registry may be gone by now.
        if (peer != null && peer.isOpen()) {
            peers.closed(peer, reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        PeerSession peer = peer(session);
        String who = peer == null ? "session " + session.getId() : "peer " + peer.id();
        if (error instanceof IOException) {
            LOG.log(Level.FINE, "Connection of " + who + " failed", error);
        } else {
            LOG.log(Level.WARNING, "WebSocket error on " + who + ": " + error);
        }
    }

    // After a close the container may hand over a session without user properties.
    private static PeerSession peer(Session session) {
        java.util.Map<String, Object> properties = session.getUserProperties();
        return properties == null ? null : (PeerSession) properties.get(PEER);
    }
}
