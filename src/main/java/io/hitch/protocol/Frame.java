package io.hitch.protocol;

import jakarta.json.JsonValue;

/** One decoded hitch/1 frame. */
public sealed interface Frame {

    /**
     * A request, or a notification when {@code id} is null.
     *
     * @param route the route name as sent (not yet checked against any table)
     * @param id    the request id, or null for a notification
     * @param data  the data, {@link JsonValue#NULL} when absent
     * @param dataText the data exactly as it appears in the frame (valid JSON), or null when absent
     *              or not at hand: lets it be bound or echoed without writing the tree again
     */
    record Request(String route, MessageId id, JsonValue data, String dataText) implements Frame {

        /**
         * A request whose data's text is not at hand.
         *
         * @param route the route name as sent
         * @param id    the request id, or null for a notification
         * @param data  the data, {@link JsonValue#NULL} when absent
         */
        public Request(String route, MessageId id, JsonValue data) {
            this(route, id, data, null);
        }

        public boolean isNotification() {
            return id == null;
        }
    }

    /**
     * A successful answer.
     *
     * @param re   the id of the request it answers
     * @param data the data, {@link JsonValue#NULL} when absent
     */
    record Reply(MessageId re, JsonValue data) implements Frame {
    }

    /**
     * An error answer.
     *
     * @param re    the id of the request it answers
     * @param error the error
     */
    record ErrorReply(MessageId re, ErrorBody error) implements Frame {
    }

    /**
     * The {@code error} member of an error reply.
     *
     * @param code    the stable error code
     * @param message a human-readable message
     * @param details optional structured details, or null
     */
    record ErrorBody(String code, String message, JsonValue details) {
    }
}
