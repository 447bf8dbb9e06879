package io.hitch.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonScannerTest {

    private static int end(String json) {
        return new JsonScanner(json, 4).value(0, 0);
    }

    private static String refusal(String json) {
        return assertThrows(BadFrameException.class, () -> end(json)).getMessage();
    }

    @Test
    void aValueEndsJustAfterItsLastCharacter() {
        assertEquals(2, end("{} trailing text is the caller's business"));
    }

    @Test
    void whitespaceBetweenTokensIsSkipped() {
        String json = "{ \"a\" :\t[ 1 ,\r\n2 ] }";

        assertEquals(json.length(), end(json));
    }

    @Test
    void aTrailingCommaInAnObjectIsRefusedAtTheBrace() {
        assertEquals("invalid JSON: unexpected '}' at offset 7", refusal("{\"a\":1,}"));
    }

    @Test
    void aTrailingCommaInAnArrayIsRefusedAtTheBracket() {
        assertEquals("invalid JSON: unexpected ']' at offset 3", refusal("[1,]"));
    }

    @Test
    void aMissingColonIsRefused() {
        assertEquals("invalid JSON: unexpected '1' at offset 5", refusal("{\"a\" 1}"));
    }

    @Test
    void aKeyThatIsNotAStringIsRefused() {
        assertEquals("invalid JSON: unexpected '1' at offset 1", refusal("{1:1}"));
    }

    @Test
    void aTextThatEndsInsideAValueIsRefused() {
        assertEquals("invalid JSON: the text ends before the JSON does", refusal("{\"a\":[1,"));
    }

    @Test
    void aStringWithoutClosingQuoteIsRefused() {
        assertEquals("invalid JSON: the text ends before the JSON does", refusal("[\"abc"));
    }

    @Test
    void whitespaceThatJsonDoesNotKnowIsRefusedByCodePoint() {
        assertEquals("invalid JSON: unexpected U+00A0 at offset 1", refusal("[\u00a01]"));
    }

    @Test
    void literalsMustBeLowerCase() {
        assertEquals("invalid JSON: unexpected 'T' at offset 1", refusal("[True]"));
    }

    @Test
    void aTruncatedLiteralIsRefusedWhereItStops() {
        assertEquals("invalid JSON: unexpected ']' at offset 4", refusal("[tru]"));
    }

    @Test
    void anUnescapedControlCharacterInAStringIsRefused() {
        assertEquals("invalid JSON: control character U+0001 in a string at offset 2: escape it",
                refusal("[\"\u0001\"]"));
    }

    @Test
    void deleteAndLineSeparatorNeedNoEscape() {
        assertEquals(6, end("[\"\u007f\u2028\"]"));
    }

    @Test
    void everyEscapeOfJsonIsAccepted() {
        String json = "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"]";

        assertEquals(json.length(), end(json));
    }

    @Test
    void anUnknownEscapeIsRefused() {
        assertEquals("invalid JSON: invalid escape at offset 2", refusal("[\"\\x\"]"));
    }

    @Test
    void aUnicodeEscapeNeedsFourHexDigits() {
        assertEquals("invalid JSON: \\u at offset 2 needs four hexadecimal digits", refusal("[\"\\u00G9\"]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"\\uD800\"]", "[\"\\uDC00x\"]", "[\"\uD800\"]"})
    void loneSurrogatesAreAcceptedAsParssonAcceptsThem(String json) {
        assertEquals(json.length(), end(json));
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        assertEquals("invalid JSON: Duplicate key 'b' is not allowed", refusal("[{\"a\":{\"b\":1,\"b\":2}}]"));
    }

    @Test
    void keysThatDifferOnlyInTheirEscapesAreDuplicates() {
        assertEquals("invalid JSON: Duplicate key 'a' is not allowed", refusal("{\"a\":1,\"\\u0061\":2}"));
    }

    @Test
    void aDuplicateAmongManyKeysIsFound() {
        StringBuilder json = new StringBuilder("{");
        for (int k = 0; k < 40; k++) {
            json.append("\"k").append(k).append("\":").append(k).append(',');
        }
        assertEquals("invalid JSON: Duplicate key 'k17' is not allowed", refusal(json.append("\"k17\":0}").toString()));
    }

    @Test
    void siblingObjectsMayUseTheSameKeys() {
        assertEquals(17, end("[{\"a\":1},{\"a\":2}]"));
    }

    @Test
    void anInnerObjectMayRepeatAKeyOfItsParent() {
        assertEquals(13, end("{\"a\":{\"a\":1}}"));
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        assertEquals(8, end("[[[[]]]]"));
    }

    @Test
    void oneLevelBeyondTheLimitIsRefused() {
        assertEquals("invalid JSON: nested deeper than 4 levels", refusal("[[{\"a\":[[]]}]]"));
    }

    @Test
    void theTopLevelObjectsMembersAreReportedWithTheirOffsets() {
        List<String> members = new ArrayList<>();
        String json = "{\"a\": [1] ,\"b\\n\":{\"c\":2}}";
        new JsonScanner(json, 4) {
            @Override
            void topMember(int keyStart, int keyEnd, boolean keyEscaped, int valueStart, int valueEnd) {
                members.add(json.substring(keyStart, keyEnd) + " " + keyEscaped + " " + json.substring(valueStart, valueEnd));
            }
        }.value(0, 0);

        assertEquals(List.of("a false [1]", "b\\n true {\"c\":2}"), members);
    }
}
