package io.hitch.transport;

import io.hitch.dispatch.HitchRuntime;
import io.hitch.dispatch.Inbound;
import io.hitch.peers.Handshake;
import io.hitch.peers.PeerRegistry;
import io.hitch.peers.PeerSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hitch/1 WebSocket endpoint at {@code /ws}, one instance per connection, registered by
 * {@link TransportSetup}. It only translates container callbacks into calls on the peer registry
 * and the inbound path; it holds no logic of its own.
 *
 * <p>A programmatic endpoint taking messages in parts, not an annotated one: Liberty checks the
 * size of each frame only for such endpoints, and the whole message is then held to the same
 * limit by {@link Fragments}.
 */
public final class HitchEndpoint extends Endpoint {

    /** The WebSocket subprotocol of hitch/1; clients may also offer none. */
    public static final String SUBPROTOCOL = "hitch.v1";
    /** Where the endpoint listens, relative to the application's context root. */
    static final String PATH = "/ws";
    private static final String PEER = "io.hitch.peer";
    private static final Logger LOG = Logger.getLogger("io.hitch");
    // One bound for every connection of the application. A plain object, not a CDI bean: a call
    // through a client proxy would cost on every frame.
    private static final InPlaceWrites IN_PLACE_WRITES = new InPlaceWrites(InPlaceWrites.DEFAULT_MAX);

    private final HitchRuntime runtime;
    private final PeerRegistry peers;
    // Pings and closes of a client that does not read may block: they run here, never on the caller.
    private final BlockingWrites blocking;
    // Looked up once per connection: each call through a CDI client proxy costs on every frame.
    private volatile Inbound inbound;
    private volatile Fragments fragments;

    HitchEndpoint(HitchRuntime runtime, PeerRegistry peers, BlockingWrites blocking) {
        this.runtime = runtime;
        this.peers = peers;
        this.blocking = blocking;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        inbound = runtime.inbound();
        int maxBytes = runtime.config().maxFrameBytes();
        fragments = new Fragments(maxBytes);
        session.setMaxTextMessageBufferSize(maxBytes);
        session.setMaxBinaryMessageBufferSize(maxBytes);
        session.setMaxIdleTimeout(runtime.config().idleTimeoutMs());
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> text(session, part, last));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> binary(session, part, last));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> pong(session));
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

    private void text(Session session, String part, boolean last) {
        PeerSession peer = peer(session);
        if (peer == null) {
            return;
        }
        String text;
        try {
            text = fragments.text(part, last);
        } catch (Fragments.TooLargeException e) {
            Fragments.closeTooLarge(session, e);
            return;
        }
        if (text == null) {
            peer.ponged();
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

    private void binary(Session session, ByteBuffer part, boolean last) {
        PeerSession peer = peer(session);
        if (peer == null) {
            return;
        }
        try {
            if (!fragments.binary(part.remaining(), last)) {
                return;
            }
        } catch (Fragments.TooLargeException e) {
            Fragments.closeTooLarge(session, e);
            return;
        }
        peer.received();
        inbound.onBinary(peer);
    }

    private static void pong(Session session) {
        PeerSession peer = peer(session);
        if (peer != null) {
            peer.ponged();
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        PeerSession peer = peer(session);
        // A peer closed by the shutdown is already recorded, and the registry may be gone by now.
        if (peer != null && peer.isOpen()) {
            peers.closed(peer, reason.getCloseCode().getCode(), reason.getReasonPhrase());
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
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
        Map<String, Object> properties = session.getUserProperties();
        return properties == null ? null : (PeerSession) properties.get(PEER);
    }
}
