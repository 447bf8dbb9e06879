package io.hitch.protocol;

/**
 * A request id as it travels on the wire: an integer from 0 to 2^53-1, or a string of 1 to 64
 * characters. Equal ids are equal values of the same kind ({@code 7} and {@code "7"} differ).
 *
 * @param value a {@link Long} or a {@link String}
 */
public record MessageId(Object value) {

    /** The largest integer id: the largest integer a JavaScript number holds exactly. */
    public static final long MAX_INTEGER = (1L << 53) - 1;
    /** The longest string id, in characters. */
    public static final int MAX_STRING_LENGTH = 64;

    public MessageId {
        if (value instanceof Long n) {
            if (n < 0 || n > MAX_INTEGER) {
                throw new IllegalArgumentException("integer id out of range: " + n);
            }
        } else if (value instanceof String s) {
            if (s.isEmpty() || s.length() > MAX_STRING_LENGTH) {
                throw new IllegalArgumentException("string id must have 1 to 64 characters");
            }
        } else {
            throw new IllegalArgumentException("id must be a Long or a String");
        }
    }

    public static MessageId of(long id) {
        return new MessageId(id);
    }

    public static MessageId of(String id) {
        return new MessageId(id);
    }

    /** @return the id as JSON text: a bare integer or a quoted, escaped string */
    public String toJson() {
        return value instanceof Long ? value.toString() : FrameEncoder.string((String) value);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
