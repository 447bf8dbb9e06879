package io.hitch.backplane;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a Hitch stream's kept pushes from its Redis stream, whose entry ids are the push numbers. */
final class RedisStreams {

    private RedisStreams() {
    }

    /**
     * @param complete whether to answer null when some pushes after {@code from} were trimmed or are
     *                 older than the window
     * @return the kept pushes after {@code from}, oldest first
     */
    static List<StreamLog.Entry> read(RedisCommands<String, String> redis, String stream, long from, boolean complete,
                                      long windowMs) {
        String key = RedisKeys.log(stream);
        long now = Long.parseLong(redis.time().get(0)) * 1000;
        if (complete && from > Long.MIN_VALUE && droppedThrough(redis, key) > from) {
            return null;
        }
        Range<String> range = from < 0 ? Range.create("-", "+")
                : Range.from(Range.Boundary.excluding(from + "-0"), Range.Boundary.unbounded());
        List<StreamLog.Entry> entries = new ArrayList<>();
        for (StreamMessage<String, String> message : redis.xrange(key, range)) {
            long seq = Long.parseLong(message.getId().substring(0, message.getId().indexOf('-')));
            Map<String, String> body = message.getBody();
            long at = Long.parseLong(body.getOrDefault("t", "0"));
            if (complete && at < now - windowMs) {
                return null;
            }
            String except = body.get("x");
            entries.add(new StreamLog.Entry(seq, body.get("f"), except == null || except.isEmpty() ? null : except, at));
        }
        return entries;
    }

    // Redis 7 keeps the highest id deleted from a stream (the publish script deletes, never trims).
    private static long droppedThrough(RedisCommands<String, String> redis, String key) {
        if (redis.exists(key) == 0) {
            return Long.MIN_VALUE;
        }
        List<Object> info = redis.xinfoStream(key);
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if ("max-deleted-entry-id".equals(String.valueOf(info.get(i)))) {
                String id = String.valueOf(info.get(i + 1));
                long dropped = Long.parseLong(id.substring(0, id.indexOf('-')));
                return dropped == 0 ? Long.MIN_VALUE : dropped;
            }
        }
        return Long.MIN_VALUE;
    }
}
