package io.hitch.client;

import jakarta.json.JsonValue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/** One request or notification of this client, from the call until its answer. Guarded by the link's lock. */
final class Call {

    final String route;
    final String dataJson;
    /** Null for a notification. */
    final CompletableFuture<JsonValue> result;
    final long timeoutMillis;
    /** Where its result completes; null for the client's executor. */
    final Executor answerOn;
    ScheduledFuture<?> timer;
    /** The id it was sent with, -1 while it waits to be sent. */
    long id = -1;

    Call(String route, String dataJson, boolean expectsReply, long timeoutMillis) {
        this(route, dataJson, expectsReply, timeoutMillis, null);
    }

    Call(String route, String dataJson, boolean expectsReply, long timeoutMillis, Executor answerOn) {
        this.route = route;
        this.dataJson = dataJson;
        this.result = expectsReply ? new CompletableFuture<>() : null;
        this.timeoutMillis = timeoutMillis;
        this.answerOn = answerOn;
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
