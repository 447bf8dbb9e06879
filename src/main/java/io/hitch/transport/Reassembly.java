package io.hitch.transport;

import io.hitch.peers.Utf8;

/**
 * Puts fragmented messages back together and enforces the size limit on the whole message: the
 * container checks each frame, so without this a client could send an unbounded message in small
 * fragments. Used by one connection's read thread at a time.
 */
final class Reassembly {

    private final long maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long textBytes;
    private long binaryBytes;

    Reassembly(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param part one fragment of a text message
     * @param last whether it ends the message
     * @return the whole message once {@code last}, else null
     * @throws TooBig when the message so far is over the limit
     */
    String text(String part, boolean last) {
        if (last && text.length() == 0) {
            return part; // one frame: the common case, no copy
        }
        textBytes += Utf8.length(part);
        if (textBytes > maxBytes) {
            text.setLength(0);
            textBytes = 0;
            throw new TooBig();
        }
        text.append(part);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        text.setLength(0);
        textBytes = 0;
        return whole;
    }

    /**
     * @param bytes the size of one fragment of a binary message
     * @param last  whether it ends the message
     * @return whether a whole binary message ended
     * @throws TooBig when the message so far is over the limit
     */
    boolean binary(int bytes, boolean last) {
        binaryBytes += bytes;
        if (binaryBytes > maxBytes) {
            binaryBytes = 0;
            throw new TooBig();
        }
        if (last) {
            binaryBytes = 0;
        }
        return last;
    }

    /** A message over the size limit. */
    static final class TooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooBig() {
            super("message too big", null, false, false);
        }
    }
}
