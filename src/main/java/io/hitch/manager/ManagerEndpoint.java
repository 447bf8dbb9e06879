package io.hitch.manager;

import io.hitch.peers.Handshake;
import io.hitch.transport.BlockingWrites;
import io.hitch.transport.HandshakeConfigurator;
import io.hitch.transport.HitchEndpoint;
import io.hitch.transport.WebSocketSinks;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The manager console's endpoint, {@code /manager/ws}: hitch/1 with the manager's own routes. The
 * web.xml security constraint on {@code /manager/*} admits only the roles monitor and operator.
 */
@Dependent
@ServerEndpoint(value = "/manager/ws", subprotocols = HitchEndpoint.SUBPROTOCOL,
        configurator = HandshakeConfigurator.class)
public class ManagerEndpoint {

    private static final String SESSION = "io.hitch.manager.session";

    @Inject
    ManagerHub hub;
    // Pings and closes of a client that does not read may block: they run here, never on the caller.
    @Inject
    BlockingWrites blocking;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(64 * 1024);
        // A console only listens; the state it is pushed every second keeps it alive.
        session.setMaxIdleTimeout(0);
        ManagerSession console = hub.open(WebSocketSinks.of(session, blocking), HandshakeConfigurator.handshakeOf(session));
        session.getUserProperties().put(SESSION, console);
    }

    @OnMessage
    public void text(Session session, String text) {
        hub.onText(console(session), text);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        hub.onBinary(console(session));
    }

    @OnClose
    public void close(Session session) {
        ManagerSession console = console(session);
        if (console != null) {
            hub.closed(console);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        Logger.getLogger("io.hitch.manager").log(Level.FINE, "Manager connection failed", error);
    }

    private static ManagerSession console(Session session) {
        return (ManagerSession) session.getUserProperties().get(SESSION);
    }
}
