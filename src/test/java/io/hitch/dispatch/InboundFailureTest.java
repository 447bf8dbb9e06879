package io.hitch.dispatch;

import io.hitch.api.RouteHandler;
import io.hitch.protocol.Frame;
import io.hitch.protocol.FrameDecoder;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class InboundFailureTest {

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private final FakeChannel channel = new FakeChannel();

    private Inbound inbound(RouteEntry... routes) {
        Dispatcher d = new Dispatcher(RouteTable.of(List.of(routes)), new Binder(JsonbBuilder.create()),
                new InputValidator(Validation.buildDefaultValidatorFactory().getValidator()), new Incidents(), 64, 600_000);
        return new Inbound(new FrameDecoder(64), d, new Incidents());
    }

    @SuppressWarnings("unchecked")
    private static RouteEntry route(String name, java.lang.reflect.Type in, RouteHandler<?, ?> h) {
        return new RouteEntry(name, (RouteHandler<Object, Object>) h, in, Object.class, false, "bean " + name);
    }

    @Test
    void aHandlerThrowingACheckedExceptionIsAnsweredInternalAndGivesItsSlotBack() {
        Inbound in = inbound(route("io", Void.class, (d, c) -> { throw sneaky(new IOException("disk gone")); }));

        try {
            in.onText(channel, "{\"route\":\"io\",\"id\":1}");
        } catch (Throwable escaped) {
            fail("escaped the inbound path: " + escaped);
        }

        assertEquals(1, channel.sent().size(), channel.sent().toString());
        assertTrue(channel.sent().get(0).startsWith("{\"re\":1,\"error\":{\"code\":\"internal\""), channel.sent().get(0));
        assertEquals(0, channel.inFlight());
    }

    @Test
    void twoFramesInOneMessageAreNotSilentlyHalfHandled() {
        Inbound in = inbound(route("echo", JsonValue.class, (d, c) -> d));

        in.onText(channel, "{\"route\":\"echo\",\"id\":1,\"data\":1}{\"route\":\"echo\",\"id\":2,\"data\":2}");

        assertEquals(1, channel.sent().size());
        assertTrue(channel.sent().get(0).startsWith("{\"route\":\"hitch.error\",\"data\":{\"code\":\"bad_frame\""),
                channel.sent().get(0));
    }
}
