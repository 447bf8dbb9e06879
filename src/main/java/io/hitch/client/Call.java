package io.hitch.client;

import jakarta.json.JsonValue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One request or notification of this client, from the call until its answer. Guarded by the link's lock. */
final class Call {

    final String route;
    final String dataJson;
    /** Null for a notification. */
    final CompletableFuture<JsonValue> result;
    final long timeoutMillis;
    ScheduledFuture<?> timer;
    /** The id it was sent with, -1 while it waits to be sent. */
    long id = -1;

    Call(String route, String dataJson, boolean expectsReply, long timeoutMillis) {
        this.route = route;
        this.dataJson = dataJson;
        this.result = expectsReply ? new CompletableFuture<>() : null;
        this.timeoutMillis = timeoutMillis;
    }

    boolean isRequest() {
        return result != null;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
