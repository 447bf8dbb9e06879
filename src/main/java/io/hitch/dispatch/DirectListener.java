package io.hitch.dispatch;

import io.hitch.api.Peer;
import jakarta.json.JsonValue;

/** A {@link DispatchListener} that forwards to another one: see {@link DispatchListener#target()}. */
final class DirectListener implements DispatchListener {

    private final DispatchListener listener;

    DirectListener(DispatchListener listener) {
        this.listener = listener;
    }

    @Override
    public void started(Peer caller, String route, JsonValue data) {
        listener.started(caller, route, data);
    }

    @Override
    public void answered(String route, String errorCode, long nanos) {
        listener.answered(route, errorCode, nanos);
    }

    @Override
    public DispatchListener target() {
        return this;
    }
}
