package io.hitch.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FragmentsTest {

    @Test
    void aMessageInOnePartIsHandedOverAsItCame() {
        String text = "x".repeat(100);
        assertSame(text, new Fragments(300).text(text, true));
    }

    @Test
    void aMessageInOnePartOverTheLimitIsRefused() {
        assertThrows(Fragments.TooLargeException.class, () -> new Fragments(10).text("x".repeat(11), true));
    }

    @Test
    void aMessageInOnePartIsMeasuredInUtf8Bytes() {
        Fragments fragments = new Fragments(10);
        assertEquals("\u00e9\u00e9\u00e9\u00e9\u00e9", fragments.text("\u00e9\u00e9\u00e9\u00e9\u00e9", true));
        assertThrows(Fragments.TooLargeException.class, () -> fragments.text("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", true));
    }

    @Test
    void fragmentsAreJoinedWhenTheLastArrives() {
        Fragments fragments = new Fragments(100);
        assertNull(fragments.text("{\"route\":", false));
        assertNull(fragments.text("\"echo\"", false));
        assertEquals("{\"route\":\"echo\"}", fragments.text("}", true));
    }

    @Test
    void fragmentsAddingUpToMoreThanTheLimitAreRefused() {
        Fragments fragments = new Fragments(10);
        assertNull(fragments.text("12345", false));
        assertThrows(Fragments.TooLargeException.class, () -> fragments.text("123456", false));
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        Fragments fragments = new Fragments(10);
        assertNull(fragments.text("\u00e9\u00e9\u00e9", false)); // 6 bytes
        assertThrows(Fragments.TooLargeException.class, () -> fragments.text("\u00e9\u00e9\u00e9", true));
    }

    @Test
    void aMessageExactlyAtTheLimitIsAccepted() {
        Fragments fragments = new Fragments(10);
        assertNull(fragments.text("12345", false));
        assertEquals("1234567890", fragments.text("67890", true));
    }

    @Test
    void theCountStartsAgainWithEachMessage() {
        Fragments fragments = new Fragments(10);
        fragments.text("12345", false);
        assertEquals("1234567890", fragments.text("67890", true));
        assertNull(fragments.text("abcde", false));
        assertEquals("abcdefghij", fragments.text("fghij", true));
    }

    @Test
    void binaryFragmentsAreCountedAgainstTheSameLimit() {
        Fragments fragments = new Fragments(10);
        assertFalse(fragments.binary(6, false));
        assertThrows(Fragments.TooLargeException.class, () -> fragments.binary(5, true));
    }

    @Test
    void aBinaryMessageEndsWithItsLastFragment() {
        Fragments fragments = new Fragments(10);
        assertFalse(fragments.binary(5, false));
        assertTrue(fragments.binary(5, true));
        assertTrue(fragments.binary(10, true));
    }
}
