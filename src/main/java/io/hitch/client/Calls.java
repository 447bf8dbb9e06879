package io.hitch.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The calls waiting for a connection and those waiting for their answer. Not thread-safe: the link's lock guards it. */
final class Calls {

    private final ArrayDeque<Call> queued = new ArrayDeque<>();
    private final Map<Long, Call> inFlight = new HashMap<>();

    void queue(Call call) {
        queued.add(call);
    }

    /** @return the queued calls, in call order, leaving none */
    List<Call> takeQueued() {
        List<Call> out = new ArrayList<>(queued);
        queued.clear();
        return out;
    }

    void sent(long id, Call call) {
        call.id = id;
        inFlight.put(id, call);
    }

    /** @return the call answered by {@code id}, now no longer in flight; null if none waits for it */
    Call answered(long id) {
        return inFlight.remove(id);
    }

    /** @return whether {@code call} was still waiting (queued or in flight) and now is not */
    boolean forget(Call call) {
        return queued.remove(call) || call.id >= 0 && inFlight.remove(call.id, call);
    }

    /** @return the calls in flight, leaving none */
    List<Call> takeInFlight() {
        List<Call> out = new ArrayList<>(inFlight.values());
        inFlight.clear();
        return out;
    }
}
