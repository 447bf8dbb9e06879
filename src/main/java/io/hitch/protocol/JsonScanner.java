package io.hitch.protocol;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a text is strict RFC 8259 JSON, as strictly as Parsson with duplicate keys refused,
 * without building anything: it only walks the text and reports where the values are. A subclass
 * learns the top-level object's members through {@link #topMember}. Not thread-safe: one per text.
 */
class JsonScanner {

    private static final int EOF = -1;
    // Up to this many keys an object's keys are compared one by one; beyond, a set is cheaper.
    private static final int LINEAR_KEYS = 16;

    final String text;
    // The text's characters: reading an array is cheaper than String.charAt in the loops below.
    private final char[] chars;
    private final int maxDepth;
    // The keys of the objects being read, outermost first: start and end of each key's content,
    // the end negated (-end - 1) when the key holds an escape.
    private int[] keys = new int[16];
    private int keyInts;
    private boolean escaped;

    JsonScanner(String text, int maxDepth) {
        this.text = text;
        this.chars = text.toCharArray();
        this.maxDepth = maxDepth;
    }

    /**
     * Called for each member of the top-level object, after its value was checked.
     *
     * @param keyStart   offset of the key's first character (after the quote)
     * @param keyEnd     offset of the key's closing quote
     * @param keyEscaped whether the key holds an escape
     * @param valueStart offset of the value's first character
     * @param valueEnd   offset just after the value
     */
    void topMember(int keyStart, int keyEnd, boolean keyEscaped, int valueStart, int valueEnd) {
    }

    /** @return the offset of the first character at or after {@code i} that is not JSON whitespace */
    final int skipSpace(int i) {
        char[] cs = chars;
        while (i < cs.length) {
            char c = cs[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    /**
     * @param i     offset of the value's first character
     * @param depth how many arrays and objects enclose the value
     * @return the offset just after the value
     * @throws BadFrameException if the value is not valid JSON or nests too deep
     */
    final int value(int i, int depth) {
        return switch (at(i)) {
            case '{' -> object(i, depth + 1);
            case '[' -> array(i, depth + 1);
            case '"' -> string(i);
            case 't' -> literal(i, "true");
            case 'f' -> literal(i, "false");
            case 'n' -> literal(i, "null");
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> NumberLiteral.end(text, i);
            default -> throw unexpected(i);
        };
    }

    private int object(int i, int depth) {
        checkDepth(depth);
        int first = keyInts;
        Set<String> seen = null;
        i = skipSpace(i + 1);
        if (at(i) == '}') {
            return i + 1;
        }
        while (true) {
            if (at(i) != '"') {
                throw unexpected(i);
            }
            int keyEnd = string(i) - 1;
            seen = remember(i + 1, keyEnd, escaped, first, seen);
            int colon = skipSpace(keyEnd + 1);
            if (at(colon) != ':') {
                throw unexpected(colon);
            }
            int valueStart = skipSpace(colon + 1);
            int valueEnd = value(valueStart, depth);
            if (depth == 1) {
                topMember(i + 1, keyEnd, keys[keyInts - 1] < 0, valueStart, valueEnd);
            }
            i = skipSpace(valueEnd);
            int c = at(i);
            if (c == '}') {
                keyInts = first;
                return i + 1;
            }
            if (c != ',') {
                throw unexpected(i);
            }
            i = skipSpace(i + 1);
        }
    }

    private int array(int i, int depth) {
        checkDepth(depth);
        i = skipSpace(i + 1);
        if (at(i) == ']') {
            return i + 1;
        }
        while (true) {
            i = skipSpace(value(i, depth));
            int c = at(i);
            if (c == ']') {
                return i + 1;
            }
            if (c != ',') {
                throw unexpected(i);
            }
            i = skipSpace(i + 1);
        }
    }

    // Adds a key of the object whose keys start at index first, refusing one it already has.
    private Set<String> remember(int start, int end, boolean hasEscape, int first, Set<String> seen) {
        int count = (keyInts - first) / 2;
        if (seen == null && count < LINEAR_KEYS) {
            for (int k = first; k < keyInts; k += 2) {
                if (sameKey(keys[k], keys[k + 1], start, end, hasEscape)) {
                    throw duplicate(start, end);
                }
            }
        } else {
            if (seen == null) {
                seen = new HashSet<>();
                for (int k = first; k < keyInts; k += 2) {
                    int e = keys[k + 1];
                    seen.add(JsonText.unescape(text, keys[k], e < 0 ? -e - 1 : e));
                }
            }
            if (!seen.add(JsonText.unescape(text, start, end))) {
                throw duplicate(start, end);
            }
        }
        if (keyInts + 2 > keys.length) {
            keys = java.util.Arrays.copyOf(keys, keys.length * 2);
        }
        keys[keyInts++] = start;
        keys[keyInts++] = hasEscape ? -end - 1 : end;
        return seen;
    }

    private boolean sameKey(int start, int rawEnd, int otherStart, int otherEnd, boolean otherEscaped) {
        boolean hasEscape = rawEnd < 0;
        int end = hasEscape ? -rawEnd - 1 : rawEnd;
        if (!hasEscape && !otherEscaped) {
            return end - start == otherEnd - otherStart
                    && java.util.Arrays.equals(chars, start, end, chars, otherStart, otherEnd);
        }
        return JsonText.unescape(text, start, end).equals(JsonText.unescape(text, otherStart, otherEnd));
    }

    // Leaves the offset of the closing quote + 1, and whether an escape was seen in `escaped`.
    private int string(int i) {
        char[] cs = chars;
        int n = cs.length;
        boolean sawEscape = false;
        for (int j = i + 1; j < n; j++) {
            char c = cs[j];
            if (c == '"') {
                escaped = sawEscape;
                return j + 1;
            }
            if (c == '\\') {
                sawEscape = true;
                j = JsonText.escapeEnd(text, j) - 1;
            } else if (c < 0x20) {
                throw new BadFrameException("invalid JSON: control character " + JsonText.codePoint(c)
                        + " in a string at offset " + j + ": escape it", null);
            }
        }
        throw JsonText.unexpected(text, n);
    }

    private int literal(int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (at(i + k) != word.charAt(k)) {
                throw unexpected(i + k);
            }
        }
        return i + word.length();
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new BadFrameException("invalid JSON: nested deeper than " + maxDepth + " levels", null);
        }
    }

    final int at(int i) {
        return i < chars.length ? chars[i] : EOF;
    }

    final BadFrameException unexpected(int i) {
        return JsonText.unexpected(text, i);
    }

    private BadFrameException duplicate(int start, int end) {
        return new BadFrameException("invalid JSON: Duplicate key '"
                + JsonText.firstLine(JsonText.unescape(text, start, end)) + "' is not allowed", null);
    }
}
