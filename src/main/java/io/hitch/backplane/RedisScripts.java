package io.hitch.backplane;

/**
 * The Lua scripts of the Redis backplane. Each runs atomically in Redis, so numbering, keeping and
 * publishing a push happen in one step and every node receives a stream's pushes in number order.
 */
final class RedisScripts {

    /**
     * KEYS: seq key, log key. ARGV: frame up to the number, stream, except ("" for none), max kept,
     * window ms, channel. A new counter starts at Redis' time in microseconds, so a stream whose keys
     * expired never reuses a number. The oldest pushes beyond the count are deleted with XDEL, not
     * trimmed, so that Redis records the highest deleted number (XINFO's max-deleted-entry-id) and a
     * reader can tell that pushes it needs are gone. Returns the number.
     */
    static final String PUBLISH = """
            local seq = redis.call('INCR', KEYS[1])
            if seq == 1 then
              local t = redis.call('TIME')
              seq = tonumber(t[1]) * 1000000 + tonumber(t[2])
              redis.call('SET', KEYS[1], string.format('%d', seq))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            local n = string.format('%d', seq)
            local t = redis.call('TIME')
            local ms = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
            local frame = ARGV[1] .. n .. '}'
            redis.call('XADD', KEYS[2], n .. '-0', 'f', frame, 'x', ARGV[3], 't', ms)
            local excess = redis.call('XLEN', KEYS[2]) - tonumber(ARGV[4])
            if excess > 0 then
              for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', excess)) do
                redis.call('XDEL', KEYS[2], entry[1])
              end
            end
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            redis.call('PUBLISH', ARGV[6], 'D' .. n .. ' ' .. string.len(ARGV[2]) .. ' ' .. string.len(ARGV[3])
              .. ' ' .. ARGV[2] .. ARGV[3] .. frame)
            return n
            """;

    /**
     * KEYS: presence hash, the peer's positions. ARGV: peer id. Returns {"live", node} when the peer
     * is connected, {"none"} when nothing is kept, else {"ok", field, value, ...} and forgets it.
     */
    static final String CLAIM = """
            local node = redis.call('HGET', KEYS[1], ARGV[1])
            if node then return {'live', node} end
            if redis.call('HEXISTS', KEYS[2], '@at') == 0 then return {'none'} end
            local all = redis.call('HGETALL', KEYS[2])
            redis.call('DEL', KEYS[2])
            table.insert(all, 1, 'ok')
            return all
            """;

    /**
     * KEYS: presence hash, the node's peers, the nodes set, the node's peer cards. ARGV: peer id,
     * node id, positions key, now ms, window ms. A peer's departure: it is no longer anywhere, its
     * positions are kept.
     */
    static final String DEPART = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[4], ARGV[1])
            redis.call('HSET', ARGV[3], '@at', ARGV[4])
            redis.call('PEXPIRE', ARGV[3], ARGV[5])
            return 1
            """;

    /**
     * KEYS: presence hash, the dead node's peers, the nodes set, its peer cards. ARGV: node id, now ms, window ms,
     * positions key prefix. Every peer of a dead node departs; returns how many.
     */
    static final String REAP = """
            local peers = redis.call('SMEMBERS', KEYS[2])
            for _, p in ipairs(peers) do
              if redis.call('HGET', KEYS[1], p) == ARGV[1] then redis.call('HDEL', KEYS[1], p) end
              local k = ARGV[4] .. p
              redis.call('HSET', k, '@at', ARGV[2])
              redis.call('PEXPIRE', k, ARGV[3])
            end
            redis.call('DEL', KEYS[2], KEYS[4])
            redis.call('SREM', KEYS[3], ARGV[1])
            return #peers
            """;

    private RedisScripts() {
    }
}
