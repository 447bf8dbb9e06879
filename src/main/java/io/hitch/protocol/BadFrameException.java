package io.hitch.protocol;

/**
 * A frame that is not valid hitch/1. It carries the frame's id when the id itself was usable, so
 * the receiver can answer with an error reply instead of a {@code hitch.error} push.
 */
public class BadFrameException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient MessageId usableId;

    public BadFrameException(String message, MessageId usableId) {
        super(message, null, false, false);
        this.usableId = usableId;
    }

    /** @return the frame's id if it was valid, else null */
    public MessageId usableId() {
        return usableId;
    }
}
