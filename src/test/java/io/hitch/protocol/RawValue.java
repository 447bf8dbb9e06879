package io.hitch.protocol;

import jakarta.json.stream.JsonParser;

/**
 * Cuts one member's value out of a frame's text, so data can be bound or echoed from the text the
 * client sent instead of being written again from the parsed tree.
 */
final class RawValue {

    private RawValue() {
    }

    /**
     * @param text     the frame
     * @param afterKey the parser's offset after the member's key
     * @param end      the parser's offset after the member's value
     * @param first    the event the value started with
     * @return the value's text, or null if the offsets do not frame a value of that kind (the
     *         caller then writes the value from the tree)
     */
    static String slice(String text, long afterKey, long end, JsonParser.Event first) {
        if (afterKey < 0 || end > text.length() || afterKey >= end) {
            return null;
        }
        int stop = (int) end;
        int start = skipSpace(text, (int) afterKey, stop);
        if (start == stop || text.charAt(start) != ':') {
            return null;
        }
        start = skipSpace(text, start + 1, stop);
        if (start == stop) {
            return null;
        }
        char head = text.charAt(start);
        char tail = text.charAt(stop - 1);
        int length = stop - start;
        boolean fits = switch (first) {
            case START_OBJECT -> head == '{' && tail == '}';
            case START_ARRAY -> head == '[' && tail == ']';
            case VALUE_STRING -> head == '"' && tail == '"' && length >= 2;
            case VALUE_NUMBER -> (head == '-' || isDigit(head)) && isDigit(tail);
            case VALUE_TRUE -> length == 4 && text.startsWith("true", start);
            case VALUE_FALSE -> length == 5 && text.startsWith("false", start);
            case VALUE_NULL -> length == 4 && text.startsWith("null", start);
            default -> false;
        };
        return fits ? text.substring(start, stop) : null;
    }

    private static int skipSpace(String text, int from, int stop) {
        int i = from;
        while (i < stop && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    // JSON's whitespace: space, tab, line feed, carriage return.
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
