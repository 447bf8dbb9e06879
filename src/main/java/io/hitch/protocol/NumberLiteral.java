package io.hitch.protocol;

import jakarta.json.JsonNumber;
import jakarta.json.spi.JsonProvider;

import java.math.BigDecimal;

/**
 * A JSON number as written in a frame: its syntax, the id hitch/1 reads from it, and the
 * {@link JsonNumber} Parsson would build for it. Ids are read from the digits, never through
 * {@code BigDecimal}.
 */
final class NumberLiteral {

    /** The longest number literal accepted, in characters: Parsson's limit for a BigDecimal. */
    static final int MAX_LENGTH = 1100;

    private NumberLiteral() {
    }

    /**
     * @param text  the text
     * @param start offset of the number's first character ({@code -} or a digit)
     * @return the offset just after the number
     * @throws BadFrameException if it is not an RFC 8259 number, is too long, or has an exponent
     *                           that no {@code BigDecimal} holds
     */
    static int end(String text, int start) {
        int i = start;
        if (at(text, i) == '-') {
            i++;
        }
        i = at(text, i) == '0' ? i + 1 : digits(text, i);
        if (at(text, i) == '.') {
            i = digits(text, i + 1);
        }
        int exponent = -1;
        if (at(text, i) == 'e' || at(text, i) == 'E') {
            i++;
            if (at(text, i) == '+' || at(text, i) == '-') {
                i++;
            }
            exponent = i;
            i = digits(text, i);
        }
        if (i - start > MAX_LENGTH) {
            throw new BadFrameException("invalid JSON: a number longer than " + MAX_LENGTH
                    + " characters at offset " + start, null);
        }
        if (exponent >= 0 && i - exponent > 9) {
            checkScale(text, start, i);
        }
        return i;
    }

    /**
     * Reads an id from a checked number, with the rules and messages of hitch/1: an integer value
     * (no fraction left once the exponent applies) from 0 to 2^53-1, written with digits only.
     *
     * @param member "id" or "re", for the messages
     * @return the id
     * @throws BadFrameException saying which rule the number breaks
     */
    static MessageId id(String text, int start, int end, String member) {
        boolean negative = text.charAt(start) == '-';
        int intStart = negative ? start + 1 : start;
        int intEnd = intStart;
        while (intEnd < end && isDigit(text.charAt(intEnd))) {
            intEnd++;
        }
        if (!negative && intEnd == end && end - start <= 16) {
            // The usual case: plain digits (a leading zero is not valid JSON, so none is left).
            long n = Long.parseLong(text, start, end, 10);
            if (n > MessageId.MAX_INTEGER) {
                throw outOfRange(member);
            }
            return MessageId.of(n);
        }
        int fractionEnd = intEnd;
        if (fractionEnd < end && text.charAt(fractionEnd) == '.') {
            do {
                fractionEnd++;
            } while (fractionEnd < end && isDigit(text.charAt(fractionEnd)));
        }
        int fractionDigits = Math.max(0, fractionEnd - intEnd - 1);
        if (exponent(text, fractionEnd, end) != fractionDigits) {
            throw new BadFrameException("\"" + member + "\" must be an integer or a string", null);
        }
        // The value is the digits before and after the point, read as one integer.
        long value = 0;
        for (int i = intStart; i < fractionEnd; i++) {
            char c = text.charAt(i);
            if (c != '.') {
                value = value * 10 + (c - '0');
                if (value > MessageId.MAX_INTEGER) {
                    throw outOfRange(member);
                }
            }
        }
        if (negative && value != 0) {
            throw outOfRange(member);
        }
        throw new BadFrameException("\"" + member + "\" must be written with digits only", null);
    }

    /**
     * @return the number as Parsson's parser gives it: an int or long number when the literal is
     *         plainly one, else an exact {@code BigDecimal} number
     */
    static JsonNumber value(JsonProvider provider, String text, int start, int end) {
        boolean plain = true;
        for (int i = start; i < end && plain; i++) {
            char c = text.charAt(i);
            plain = isDigit(c) || (c == '-' && i == start);
        }
        int length = end - start;
        boolean negative = text.charAt(start) == '-';
        if (plain && (length <= 9 || (negative && length <= 10))) {
            return provider.createValue(Integer.parseInt(text, start, end, 10));
        }
        if (plain && (length <= 18 || (negative && length <= 19))) {
            return provider.createValue(Long.parseLong(text, start, end, 10));
        }
        return provider.createValue(new BigDecimal(text.substring(start, end)));
    }

    // The exponent's value, or a value beyond any fraction's length when it has ten digits or more.
    private static long exponent(String text, int e, int end) {
        if (e == end) {
            return 0;
        }
        int i = e + 1;
        boolean negative = text.charAt(i) == '-';
        if (text.charAt(i) == '-' || text.charAt(i) == '+') {
            i++;
        }
        while (i < end - 1 && text.charAt(i) == '0') {
            i++;
        }
        long value = end - i > 9 ? Integer.MAX_VALUE : Long.parseLong(text, i, end, 10);
        return negative ? -value : value;
    }

    // An exponent of ten digits or more may not fit the int scale of a BigDecimal (as Parsson reads
    // every number): rare enough to let BigDecimal itself say so.
    private static void checkScale(String text, int start, int end) {
        try {
            new BigDecimal(text.substring(start, end));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadFrameException("invalid JSON: the exponent of the number at offset " + start
                    + " is out of range", null);
        }
    }

    // At least one digit.
    private static int digits(String text, int i) {
        if (!isDigit(at(text, i))) {
            throw JsonText.unexpected(text, i);
        }
        do {
            i++;
        } while (isDigit(at(text, i)));
        return i;
    }

    private static int at(String text, int i) {
        return i < text.length() ? text.charAt(i) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static BadFrameException outOfRange(String member) {
        return new BadFrameException("\"" + member + "\" must be between 0 and 2^53-1", null);
    }
}
