package io.hitch.bench;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's ceiling: a plain Jakarta WebSocket endpoint that sends every text message back
 * unchanged, with no framework in between. Only the benchmark's WAR has it (src/bench).
 */
@ServerEndpoint("/raw")
public class RawEchoEndpoint {

    private static final AtomicInteger OPEN = new AtomicInteger();

    /** @return raw connections open now */
    static int open() {
        return OPEN.get();
    }

    @OnOpen
    public void open(Session session) {
        OPEN.incrementAndGet();
    }

    @OnMessage
    public String echo(String text) {
        return text;
    }

    @OnClose
    public void close(Session session) {
        OPEN.decrementAndGet();
    }
}
