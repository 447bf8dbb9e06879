package io.hitch.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The seam between the client's logic and a WebSocket implementation; unit tests bring their own. */
interface Transport {

    /**
     * Starts opening a WebSocket. {@link Events#opened} comes before any text of it.
     *
     * @return completes when the socket is open; fails with {@link HitchException} {@code unavailable}
     *         when it cannot be opened
     */
    CompletableFuture<Void> open(URI uri, List<String> subprotocols, Map<String, String> headers, Events events);

    /** An open WebSocket. */
    interface Socket {
        /** Sends one text message; sends never overlap. Completes when written. */
        CompletableFuture<Void> send(String text);

        /** Starts the closing handshake. */
        void close(int code, String reason);

        /** Drops the connection at once. */
        void abort();
    }

    /** What happens on one socket, in order. */
    interface Events {
        void opened(Socket socket);

        void text(String text);

        void closed(int code, String reason);
    }
}
