package io.hitch.protocol;

import java.util.Set;

/**
 * Checks that a text is strict RFC 8259 JSON, as strictly as Parsson with duplicate keys refused,
 * without building anything: it only walks the text and reports where the values are. A subclass
 * learns the top-level object's members through {@link #topMember}. Not thread-safe: one per text.
 */
class JsonScanner {

    private static final int EOF = -1;

    final String text;
    // The text's characters: reading an array is cheaper than String.charAt in the loops below.
    private final char[] chars;
    private final int maxDepth;
    private final ObjectKeys keys;
    private boolean escaped;

    JsonScanner(String text, int maxDepth) {
        this.text = text;
        this.chars = text.toCharArray();
        this.keys = new ObjectKeys(text, chars);
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
        int first = keys.open();
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
            boolean keyEscaped = escaped;
            seen = keys.add(first, seen, i + 1, keyEnd, keyEscaped);
            int colon = skipSpace(keyEnd + 1);
            if (at(colon) != ':') {
                throw unexpected(colon);
            }
            int valueStart = skipSpace(colon + 1);
            int valueEnd = value(valueStart, depth);
            if (depth == 1) {
                topMember(i + 1, keyEnd, keyEscaped, valueStart, valueEnd);
            }
            i = skipSpace(valueEnd);
            int c = at(i);
            if (c == '}') {
                keys.close(first);
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

    private int at(int i) {
        return i < chars.length ? chars[i] : EOF;
    }

    private BadFrameException unexpected(int i) {
        return JsonText.unexpected(text, i);
    }
}
