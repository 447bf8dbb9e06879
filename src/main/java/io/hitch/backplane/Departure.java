package io.hitch.backplane;

import java.util.Map;

/**
 * What a disconnected peer leaves behind for a client that resumes: its streams, each with the last
 * number it is known to be entitled to skip (the stream's position when it joined), and when it left.
 *
 * @param peerId    the disconnected peer
 * @param from      stream name to position: the groups it was in, everyone's stream and its own
 * @param atMillis  when it disconnected
 */
public record Departure(String peerId, Map<String, Long> from, long atMillis) {

    public Departure {
        from = Map.copyOf(from);
    }
}
