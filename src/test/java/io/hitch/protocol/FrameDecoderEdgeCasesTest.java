package io.hitch.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

class FrameDecoderEdgeCasesTest {

    private final FrameDecoder decoder = new FrameDecoder(64);

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"route\":\"a\",\"id\":1} x",
            "{\"route\":\"a\",\"id\":1}]",
            "{\"route\":\"a\",\"id\":1}{\"route\":\"b\",\"id\":2}"})
    void contentAfterTheFrameObjectIsRefused(String text) {
        BadFrameException e = assertThrows(BadFrameException.class, () -> decoder.decode(text));
        assertNull(e.usableId());
    }

    @Test
    void aFrameNestedExactlyMaxDepthDeepIsAccepted() {
        // level 1 is the frame object, 63 arrays inside data make 64 levels
        String nested = "[".repeat(63) + "]".repeat(63);
        assertEquals(nested, ((Frame.Request) decoder.decode("{\"route\":\"a\",\"data\":" + nested + "}")).data().toString());
    }

    @Test
    void theSmallestMaxDepthStillAcceptsObjectData() {
        assertEquals("{}", ((Frame.Request) new FrameDecoder(2).decode("{\"route\":\"a\",\"data\":{}}")).data().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7e0", "7E0", "7e+0", "-0", "70e-1"})
    void anIntegerIdSpelledWithSignOrExponentIsNotUsable(String id) {
        BadFrameException e = assertThrows(BadFrameException.class, () -> decoder.decode("{\"route\":\"a\",\"id\":" + id + "}"));
        assertNull(e.usableId());
    }
}
