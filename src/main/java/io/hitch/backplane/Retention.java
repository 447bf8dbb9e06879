package io.hitch.backplane;

import io.hitch.config.RecoveryConfig;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory backplane's retention: the stream logs and the departures of this node, kept for the
 * recovery window. Thread-safe; each log has its own lock.
 */
public final class Retention {

    private final RecoveryConfig config;
    private final Map<String, StreamLog> logs = new ConcurrentHashMap<>();
    private final Map<String, Departure> departed = new ConcurrentHashMap<>();

    public Retention(RecoveryConfig config) {
        this.config = config;
    }

    /** @return the stream's log, created when it has none */
    public StreamLog log(String stream) {
        return logs.computeIfAbsent(stream, s -> new StreamLog(
                Streams.isPeer(s) ? config.peerMaxPushes() : config.groupMaxPushes(), config.windowMs(),
                System.currentTimeMillis()));
    }

    /** Remembers a disconnected peer for the recovery window. */
    public void departed(Departure departure) {
        departed.put(departure.peerId(), departure);
    }

    /** @return whether a peer that disconnected within the window may still resume */
    public boolean isDeparted(String peerId, long nowMillis) {
        Departure departure = departed.get(peerId);
        return departure != null && nowMillis - departure.atMillis() <= config.windowMs();
    }

    /**
     * Takes a departure for a resume; it can be taken once.
     *
     * @return the departure, or null if there is none within the window
     */
    public Departure claim(String peerId, long nowMillis) {
        Departure departure = departed.remove(peerId);
        return departure == null || nowMillis - departure.atMillis() > config.windowMs() ? null : departure;
    }

    /** Forgets a stream that nothing can resume from any more (a resumed peer's own). */
    public void drop(String stream) {
        logs.remove(stream);
    }

    /**
     * Forgets expired departures and pushes, and the logs that are empty, idle and not in use.
     *
     * @param inUse the streams of the connected peers
     */
    public void sweep(Set<String> inUse, long nowMillis) {
        departed.values().removeIf(d -> nowMillis - d.atMillis() > config.windowMs());
        Set<String> referenced = ConcurrentHashMap.newKeySet();
        referenced.addAll(inUse);
        departed.values().forEach(d -> referenced.addAll(d.from().keySet()));
        for (Map.Entry<String, StreamLog> entry : logs.entrySet()) {
            StreamLog log = entry.getValue();
            log.lock();
            try {
                log.expire(nowMillis);
                if (log.idle(nowMillis) && !referenced.contains(entry.getKey())) {
                    logs.remove(entry.getKey(), log);
                }
            } finally {
                log.unlock();
            }
        }
    }

    /** @return the number of stream logs and of departures kept */
    public int[] sizes() {
        return new int[] {logs.size(), departed.size()};
    }
}
