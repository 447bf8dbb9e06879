package io.hitch.dispatch;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DirectListenerTest {

    private final List<String> heard = new ArrayList<>();
    private final DispatchListener listener = new DispatchListener() {
        @Override
        public void started(io.hitch.api.Peer caller, String route, JsonValue data) {
            heard.add("started " + route + " " + data);
        }

        @Override
        public void answered(String route, String errorCode, long nanos) {
            heard.add("answered " + route + " " + errorCode + " " + nanos);
        }
    };

    @Test
    void aListenersTargetPassesEveryCallOnToIt() {
        DispatchListener target = listener.target();

        target.started(null, "echo", JsonValue.TRUE);
        target.answered("echo", "bad_data", 42);

        assertEquals(List.of("started echo true", "answered echo bad_data 42"), heard);
    }

    @Test
    void theTargetOfATargetIsItself() {
        DispatchListener target = listener.target();

        assertSame(target, target.target());
    }
}
