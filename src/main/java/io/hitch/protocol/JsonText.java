package io.hitch.protocol;

import java.util.Locale;

/**
 * Small pieces of JSON text handling shared by {@link JsonScanner} and {@link FrameDecoder}:
 * string escapes, and the wording of syntax errors (clients read it, so it names an offset and a
 * character, never a class of ours).
 */
final class JsonText {

    private JsonText() {
    }

    /**
     * @param text the text
     * @param i    offset of a backslash inside a string
     * @return the offset just after the escape
     * @throws BadFrameException if it is not one of JSON's escapes
     */
    static int escapeEnd(String text, int i) {
        int c = i + 1 < text.length() ? text.charAt(i + 1) : -1;
        switch (c) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                for (int k = i + 2; k < i + 6; k++) {
                    if (k >= text.length() || Character.digit(text.charAt(k), 16) < 0) {
                        throw new BadFrameException("invalid JSON: \\u at offset " + i
                                + " needs four hexadecimal digits", null);
                    }
                }
                return i + 6;
            }
            case -1 -> throw unexpected(text, i + 1);
            default -> throw new BadFrameException("invalid JSON: invalid escape at offset " + i, null);
        }
    }

    /**
     * @param text  the text
     * @param start offset of a checked string's first character, after the quote
     * @param end   offset of its closing quote
     * @return the string's value, escapes resolved (lone surrogates are kept, as Parsson keeps them)
     */
    static String unescape(String text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) != '\\') {
            i++;
        }
        if (i == end) {
            return text.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start).append(text, start, i);
        while (i < end) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
                default -> out.append(e);
            }
            i += e == 'u' ? 6 : 2;
        }
        return out.toString();
    }

    /** @return the error for a character that JSON does not allow at offset i, or for the text's end */
    static BadFrameException unexpected(String text, int i) {
        if (i >= text.length()) {
            return new BadFrameException("invalid JSON: the text ends before the JSON does", null);
        }
        return new BadFrameException("invalid JSON: unexpected " + printable(text.charAt(i))
                + " at offset " + i, null);
    }

    /** @return a character quoted when it is printable ASCII, else as U+XXXX */
    static String printable(char c) {
        return c > ' ' && c < 0x7f ? "'" + c + "'" : codePoint(c);
    }

    static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    /** @return the first line of a message, at most 200 characters */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
