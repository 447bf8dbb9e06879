package io.hitch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HitchConfigTest {

    private static HitchConfig from(Map<String, String> values) {
        return HitchConfig.from(key -> Optional.ofNullable(values.get(key)));
    }

    private static ConfigException refused(Map<String, String> values) {
        return assertThrows(ConfigException.class, () -> from(values));
    }

    @Test
    void everyKeyHasItsDocumentedDefault() {
        assertEquals(new HitchConfig(65_536, 64, 64, 300_000, 30_000, 25_000, 1_024, java.util.List.of()), HitchConfig.defaults());
    }

    @Test
    void noValuesAtAllGiveTheDefaults() {
        assertEquals(HitchConfig.defaults(), from(Map.of()));
    }

    @Test
    void emptyAndBlankValuesGiveTheDefault() {
        assertEquals(HitchConfig.defaults(), from(Map.of("hitch.max-in-flight", "", "hitch.max-depth", "   ")));
    }

    @Test
    void validValuesOverrideTheDefaults() {
        HitchConfig config = from(Map.of(
                "hitch.max-frame-bytes", "1048576",
                "hitch.max-in-flight", "8",
                "hitch.max-depth", "16",
                "hitch.idle-timeout-ms", "0",
                "hitch.request-timeout-ms", "5000",
                "hitch.heartbeat-ms", "0",
                "hitch.outbound-max-frames", "10"));

        assertEquals(new HitchConfig(1_048_576, 8, 16, 0, 5_000, 0, 10, java.util.List.of()), config);
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals(8, from(Map.of("hitch.max-in-flight", " 8 ")).maxInFlight());
    }

    @Test
    void underscoresGroupDigits() {
        assertEquals(65_536, from(Map.of("hitch.max-frame-bytes", "65_536")).maxFrameBytes());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "hitch.max-frame-bytes,    256,        16777216",
            "hitch.max-in-flight,      1,          100000",
            "hitch.max-depth,          2,          1000",
            "hitch.idle-timeout-ms,    0,          86400000",
            "hitch.request-timeout-ms, 100,        3600000",
            "hitch.heartbeat-ms,       0,          3600000",
            "hitch.outbound-max-frames, 1,         1000000"})
    void bothEndsOfEveryRangeAreAccepted(String key, String min, String max) {
        from(Map.of(key, min));
        from(Map.of(key, max));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "hitch.max-in-flight       | lots     | 1   | 100000   | 64",
            "hitch.max-in-flight       | -1       | 1   | 100000   | 64",
            "hitch.max-in-flight       | 0        | 1   | 100000   | 64",
            "hitch.max-in-flight       | 100001   | 1   | 100000   | 64",
            "hitch.max-in-flight       | 1.5      | 1   | 100000   | 64",
            "hitch.max-frame-bytes     | 255      | 256 | 16777216 | 65536",
            "hitch.max-frame-bytes     | 64k      | 256 | 16777216 | 65536",
            "hitch.max-depth           | 1001     | 2   | 1000     | 64",
            "hitch.idle-timeout-ms     | -5       | 0   | 86400000 | 300000",
            "hitch.request-timeout-ms  | 99       | 100 | 3600000  | 30000",
            "hitch.heartbeat-ms        | 1e3      | 0   | 3600000  | 25000",
            "hitch.outbound-max-frames | 99999999999999999999 | 1 | 1000000 | 1024",
            "hitch.outbound-max-frames | _        | 1   | 1000000  | 1024"})
    void anInvalidValueIsRefusedNamingTheKeyTheValueAndTheRange(String key, String value, long min, long max,
                                                                long defaultValue) {
        ConfigException e = refused(Map.of(key, value));

        String problem = key + "='" + value + "' is not valid: expected a whole number from " + min + " to " + max
                + " (default " + defaultValue + ")";
        assertEquals(List.of(problem), e.problems());
        assertEquals("Invalid Hitch configuration (MicroProfile Config):\n  " + problem, e.getMessage());
    }

    @Test
    void everyBadKeyIsReportedTogetherInKeyOrder() {
        ConfigException e = refused(Map.of(
                "hitch.max-frame-bytes", "huge",
                "hitch.max-in-flight", "8",
                "hitch.heartbeat-ms", "-1",
                "hitch.outbound-max-frames", "0"));

        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("hitch.max-frame-bytes='huge'"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("hitch.heartbeat-ms='-1'"), e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("hitch.outbound-max-frames='0'"), e.problems().get(2));
        assertEquals("Invalid Hitch configuration (MicroProfile Config):\n  " + String.join("\n  ", e.problems()),
                e.getMessage());
    }

    @Test
    void theProblemsCannotBeChangedAfterwards() {
        ConfigException e = refused(Map.of("hitch.max-depth", "1"));

        assertThrows(UnsupportedOperationException.class, () -> e.problems().add("x"));
    }
}
