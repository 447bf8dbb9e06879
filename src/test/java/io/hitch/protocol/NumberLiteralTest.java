package io.hitch.protocol;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumberLiteralTest {

    private static int end(String json) {
        return NumberLiteral.end(json, 0);
    }

    private static String refusal(String json) {
        return assertThrows(BadFrameException.class, () -> end(json)).getMessage();
    }

    private static MessageId id(String literal) {
        return NumberLiteral.id(literal, 0, literal.length(), "id");
    }

    private static String idRefusal(String literal) {
        return assertThrows(BadFrameException.class, () -> id(literal)).getMessage();
    }

    @Test
    void aNumberEndsBeforeTheFirstCharacterThatCannotContinueIt() {
        assertEquals(8, end("-12.5e+3,"));
    }

    @Test
    void aLeadingZeroEndsTheNumberSoTheNextDigitIsAnError() {
        assertEquals(1, end("01"));
    }

    @Test
    void aPointNeedsADigitAfterIt() {
        assertEquals("invalid JSON: unexpected ']' at offset 2", refusal("1.]"));
    }

    @Test
    void aPointNeedsADigitBeforeIt() {
        assertEquals("invalid JSON: unexpected '.' at offset 1", refusal("-.5"));
    }

    @Test
    void aMinusAloneIsRefused() {
        assertEquals("invalid JSON: the text ends before the JSON does", refusal("-"));
    }

    @Test
    void anExponentNeedsDigits() {
        assertEquals("invalid JSON: unexpected '}' at offset 3", refusal("1e+}"));
    }

    @Test
    void aNumberOf1100CharactersIsAccepted() {
        assertEquals(1100, end("-" + "9".repeat(1099)));
    }

    @Test
    void aNumberOf1101CharactersIsRefused() {
        assertEquals("invalid JSON: a number longer than 1100 characters at offset 0", refusal("1".repeat(1101)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "1e-2147483648", "0.1e-2147483647", "1e99999999999"})
    void anExponentThatNoBigDecimalHoldsIsRefused(String literal) {
        assertEquals("invalid JSON: the exponent of the number at offset 0 is out of range", refusal(literal));
    }

    @Test
    void anExponentWithManyLeadingZerosIsAccepted() {
        assertEquals(17, end("1e000000000000005"));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "7, 7", "9007199254740991, 9007199254740991"})
    void anIdWrittenWithDigitsIsReadFromThem(String literal, long value) {
        assertEquals(MessageId.of(value), id(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9007199254740992", "99999999999999999999", "-1", "-1.5e1", "1.00000000000000000000e20"})
    void anIntegerIdOutsideZeroTo2Pow53IsOutOfRange(String literal) {
        assertEquals("\"id\" must be between 0 and 2^53-1", idRefusal(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e3", "10e-1", "70e-1", "1e1000000", "-0.0"})
    void anIdWithAFractionOrScaleLeftIsNotAnInteger(String literal) {
        assertEquals("\"id\" must be an integer or a string", idRefusal(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "7e0", "7E+0", "1.5e1", "0.0e1", "7.00e2"})
    void anIntegerIdSpelledWithSignPointOrExponentIsRefused(String literal) {
        assertEquals("\"id\" must be written with digits only", idRefusal(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "123456789", "-1234567890", "1234567890", "-1234567890123456789",
        "12345678901234567890", "19.99", "1E+2", "1e-0", "-0.0", "2.50e-3"})
    void aNumbersValueIsTheOneParssonReads(String literal) {
        JsonNumber parsson = (JsonNumber) Json.createReader(new StringReader(literal)).readValue();
        JsonNumber ours = NumberLiteral.value(JsonProvider.provider(), literal, 0, literal.length());

        assertEquals(parsson, ours);
        assertEquals(parsson.toString(), ours.toString());
        assertEquals(parsson.getClass(), ours.getClass());
    }
}
