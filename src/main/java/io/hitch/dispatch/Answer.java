package io.hitch.dispatch;

import io.hitch.protocol.FrameEncoder;
import io.hitch.protocol.MessageId;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one answer a request gets. The first call to {@link #data} or {@link #error} wins and every
 * later call is ignored, so no path can answer twice. For a notification, data goes nowhere and an
 * error becomes a {@code hitch.error} push naming the route.
 */
final class Answer {

    // A field and a VarHandle rather than an AtomicBoolean: one object less for every request.
    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(Answer.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel channel;
    private final MessageId id;
    private final String route;
    private volatile boolean done;
    private volatile java.util.function.Consumer<String> onDone = code -> { };

    private Answer(Channel channel, MessageId id, String route) {
        this.channel = channel;
        this.id = id;
        this.route = route;
    }

    static Answer to(Channel channel, MessageId id, String route) {
        return new Answer(channel, id, route);
    }

    /**
     * Runs {@code action} once the answer is given (to free the in-flight slot, to count it), with
     * the error code, or null for a reply.
     */
    void onDone(java.util.function.Consumer<String> action) {
        this.onDone = action;
    }

    boolean isNotification() {
        return id == null;
    }

    /** @return false if the request was answered already */
    boolean data(String dataJson) {
        if (!DONE.compareAndSet(this, false, true)) {
            return false;
        }
        // The slot is free before the answer leaves: a client may send its next request the moment
        // the answer arrives.
        onDone.accept(null);
        if (id != null) {
            channel.send(FrameEncoder.reply(id, dataJson));
        }
        return true;
    }

    /** @return false if the request was answered already */
    boolean error(String code, String message, String detailsJson) {
        if (!DONE.compareAndSet(this, false, true)) {
            return false;
        }
        onDone.accept(code);
        channel.send(id != null
                ? FrameEncoder.errorReply(id, code, message, detailsJson)
                : FrameEncoder.errorPush(code, message, detailsJson, route));
        return true;
    }
}
