package io.hitch.protocol;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The keys of the objects a {@link JsonScanner} is inside, so that an object repeating a key is
 * refused at any depth, as Parsson refuses it with duplicate keys rejected. Keys are compared by
 * value: {@code "a"} and {@code "\u0061"} are the same key. Not thread-safe.
 */
final class ObjectKeys {

    // Up to this many keys an object's keys are compared one by one; beyond, a set is cheaper.
    private static final int LINEAR_KEYS = 16;

    private final String text;
    private final char[] chars;
    // The keys of the open objects, outermost first: start and end offset of each key's content,
    // the end negated (-end - 1) when the key holds an escape.
    private int[] keys = new int[16];
    private int size;

    ObjectKeys(String text, char[] chars) {
        this.text = text;
        this.chars = chars;
    }

    /** @return the mark of an object being opened: where its keys will start */
    int open() {
        return size;
    }

    /** Forgets the keys of the object opened at this mark, once it is closed. */
    void close(int first) {
        size = first;
    }

    /**
     * @param first   the object's mark
     * @param seen    the object's keys as a set once it has many, else null
     * @param start   offset of the key's first character, after the quote
     * @param end     offset of its closing quote
     * @param escaped whether the key holds an escape
     * @return the set to pass with the object's next key
     * @throws BadFrameException if the object already has the key
     */
    Set<String> add(int first, Set<String> seen, int start, int end, boolean escaped) {
        if (seen == null && size - first < 2 * LINEAR_KEYS) {
            for (int k = first; k < size; k += 2) {
                if (same(keys[k], keys[k + 1], start, end, escaped)) {
                    throw duplicate(start, end);
                }
            }
        } else {
            if (seen == null) {
                seen = new HashSet<>();
                for (int k = first; k < size; k += 2) {
                    int e = keys[k + 1];
                    seen.add(JsonText.unescape(text, keys[k], e < 0 ? -e - 1 : e));
                }
            }
            if (!seen.add(JsonText.unescape(text, start, end))) {
                throw duplicate(start, end);
            }
        }
        if (size + 2 > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[size++] = start;
        keys[size++] = escaped ? -end - 1 : end;
        return seen;
    }

    private boolean same(int start, int rawEnd, int otherStart, int otherEnd, boolean otherEscaped) {
        boolean escaped = rawEnd < 0;
        int end = escaped ? -rawEnd - 1 : rawEnd;
        if (!escaped && !otherEscaped) {
            return end - start == otherEnd - otherStart
                    && Arrays.equals(chars, start, end, chars, otherStart, otherEnd);
        }
        return JsonText.unescape(text, start, end).equals(JsonText.unescape(text, otherStart, otherEnd));
    }

    private BadFrameException duplicate(int start, int end) {
        return new BadFrameException("invalid JSON: Duplicate key '"
                + JsonText.firstLine(JsonText.unescape(text, start, end)) + "' is not allowed", null);
    }
}
