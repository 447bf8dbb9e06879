package io.hitch.manager;

import io.hitch.transport.BlockingWrites;
import io.hitch.transport.Fragments;
import io.hitch.transport.HandshakeConfigurator;
import io.hitch.transport.WebSocketSinks;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The manager console's endpoint, {@code /manager/ws}: hitch/1 with the manager's own routes,
 * registered by {@link ManagerSetup}. The web.xml security constraint on {@code /manager/*} admits
 * only the roles monitor and operator. Messages are taken in parts so that a message in many
 * frames is held to the same size limit as one frame (see {@link Fragments}).
 */
public final class ManagerEndpoint extends Endpoint {

    /** Where the endpoint listens, relative to the application's context root. */
    static final String PATH = "/manager/ws";
    private static final String SESSION = "io.hitch.manager.session";
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final ManagerHub hub;
    // Pings and closes of a client that does not read may block: they run there, never on the caller.
    private final BlockingWrites blocking;
    private final Fragments fragments = new Fragments(MAX_MESSAGE_BYTES);

    ManagerEndpoint(ManagerHub hub, BlockingWrites blocking) {
        this.hub = hub;
        this.blocking = blocking;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        // A console only listens; the state it is pushed every second keeps it alive.
        session.setMaxIdleTimeout(0);
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> text(session, part, last));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> binary(session, part, last));
        ManagerSession console = hub.open(WebSocketSinks.of(session, blocking), HandshakeConfigurator.handshakeOf(session));
        session.getUserProperties().put(SESSION, console);
    }

    private void text(Session session, String part, boolean last) {
        try {
            String text = fragments.text(part, last);
            if (text != null) {
                hub.onText(console(session), text);
            }
        } catch (Fragments.TooLargeException e) {
            Fragments.closeTooLarge(session, e);
        }
    }

    private void binary(Session session, ByteBuffer part, boolean last) {
        try {
            if (fragments.binary(part.remaining(), last)) {
                hub.onBinary(console(session));
            }
        } catch (Fragments.TooLargeException e) {
            Fragments.closeTooLarge(session, e);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        ManagerSession console = console(session);
        if (console != null) {
            hub.closed(console);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        Logger.getLogger("io.hitch.manager").log(Level.FINE, "Manager connection failed", error);
    }

    private static ManagerSession console(Session session) {
        Map<String, Object> properties = session.getUserProperties();
        return properties == null ? null : (ManagerSession) properties.get(SESSION);
    }
}
