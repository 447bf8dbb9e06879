package io.hitch.transport;

import io.hitch.peers.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Joins the parts of one message for a connection and holds the whole message to the size limit.
 * The container's own limit applies to a message it assembles, but a message sent as many frames
 * was found to grow past it, and an endpoint that takes parts gets no limit at all from Liberty:
 * the limit is enforced here. One per connection; the container delivers a connection's parts one
 * at a time.
 */
public final class Fragments {

    private final long maxBytes;
    private StringBuilder joined;
    private long bytes;
    private long binaryBytes;

    /** @param maxBytes the largest message accepted, in bytes (UTF-8 for text) */
    public Fragments(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param part a fragment's text
     * @param last whether it ends its message
     * @return the whole message once {@code last} arrives, else null
     * @throws TooLargeException if the message so far is larger than the limit; what was held is dropped
     */
    public String text(String part, boolean last) {
        // A UTF-8 encoding is at most 3 bytes per UTF-16 char: most messages need no counting.
        if (joined == null && last && part.length() * 3L <= maxBytes) {
            return part;
        }
        bytes += Utf8.length(part);
        if (bytes > maxBytes) {
            joined = null;
            bytes = 0;
            throw new TooLargeException("message larger than " + maxBytes + " bytes");
        }
        if (joined == null) {
            joined = new StringBuilder(part.length() * 2);
        }
        joined.append(part);
        if (!last) {
            return null;
        }
        String whole = joined.toString();
        joined = null;
        bytes = 0;
        return whole;
    }

    /**
     * Counts a binary message's fragments; their bytes are not kept (hitch/1 only refuses binary).
     *
     * @return whether {@code part} ends the message
     * @throws TooLargeException if the message so far is larger than the limit
     */
    public boolean binary(int partBytes, boolean last) {
        binaryBytes += partBytes;
        if (binaryBytes > maxBytes) {
            binaryBytes = 0;
            throw new TooLargeException("message larger than " + maxBytes + " bytes");
        }
        if (last) {
            binaryBytes = 0;
        }
        return last;
    }

    /** Closes a connection whose message grew over the limit with 1009 (too big). */
    public static void closeTooLarge(Session session, TooLargeException e) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, e.getMessage()));
        } catch (IOException | RuntimeException failed) {
            Logger.getLogger("io.hitch").log(Level.FINE, "Closing session " + session.getId() + " failed", failed);
        }
    }

    /** A message grew over the limit: the connection is closed with 1009. */
    public static final class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message, null, false, false);
        }
    }
}
