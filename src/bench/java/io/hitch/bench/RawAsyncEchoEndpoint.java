package io.hitch.bench;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.ArrayDeque;

/**
 * A second ceiling: echoes like {@link RawEchoEndpoint}, but sends with the asynchronous remote and a
 * completion callback, one send at a time per connection (as Hitch's outbound queue does for
 * pushes, fan-out and answers from other threads). The difference to /raw is what the container's
 * asynchronous send costs. Benchmark WAR only.
 */
@ServerEndpoint("/raw-async")
public class RawAsyncEchoEndpoint {

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private RemoteEndpoint.Async remote;
    private boolean sending;

    @OnOpen
    public void open(Session session) {
        remote = session.getAsyncRemote();
    }

    @OnMessage
    public void echo(String text) {
        synchronized (this) {
            if (sending) {
                queue.add(text);
                return;
            }
            sending = true;
        }
        remote.sendText(text, this::sent);
    }

    private void sent(SendResult result) {
        String next;
        synchronized (this) {
            next = result.isOK() ? queue.poll() : null;
            if (next == null) {
                sending = false;
                queue.clear();
                return;
            }
        }
        remote.sendText(next, this::sent);
    }
}
