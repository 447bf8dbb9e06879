package io.hitch.manager;

import io.hitch.api.Peer;
import io.hitch.dispatch.DispatchListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The manager's live tails: the latest errors answered, and a sample of the traffic (at most ten
 * calls a second, payloads cut to 200 characters).
 */
@ApplicationScoped
public class Activity implements DispatchListener {

    private static final int KEEP = 50;
    private static final int SAMPLES_PER_SECOND = 10;
    private static final int PAYLOAD_CHARS = 200;

    /** An answered error. */
    public record ErrorEntry(Instant at, String route, String code) {
    }

    /** A sampled call. */
    public record TrafficEntry(Instant at, String peer, String route, String data) {
    }

    private final ArrayDeque<ErrorEntry> errors = new ArrayDeque<>();
    private final ArrayDeque<TrafficEntry> traffic = new ArrayDeque<>();
    // Written under the lock, read without it: most calls are beyond the sample and leave at the
    // first check instead of all taking one lock.
    private volatile long second;
    private volatile int sampled;

    @Override
    public void started(Peer caller, String route, JsonValue data) {
        long now = System.currentTimeMillis() / 1000;
        if (now == second && sampled >= SAMPLES_PER_SECOND) {
            return;
        }
        synchronized (traffic) {
            if (now != second) {
                second = now;
                sampled = 0;
            }
            if (sampled >= SAMPLES_PER_SECOND) {
                return;
            }
            sampled++;
        }
        String text = data == null ? "null" : data.toString();
        if (text.length() > PAYLOAD_CHARS) {
            text = text.substring(0, PAYLOAD_CHARS) + "...";
        }
        add(traffic, new TrafficEntry(Instant.now(), caller.id(), route, text));
    }

    @Override
    public void answered(String route, String errorCode, long nanos) {
        if (errorCode != null) {
            add(errors, new ErrorEntry(Instant.now(), route, errorCode));
        }
    }

    /** @return the latest errors, newest first */
    public List<ErrorEntry> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** @return the latest sampled calls, newest first */
    public List<TrafficEntry> traffic() {
        synchronized (traffic) {
            return List.copyOf(traffic);
        }
    }

    private static <T> void add(ArrayDeque<T> tail, T entry) {
        synchronized (tail) {
            tail.addFirst(entry);
            while (tail.size() > KEEP) {
                tail.removeLast();
            }
        }
    }
}
