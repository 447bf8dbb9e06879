package io.hitch.dispatch;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BinderTest {

    private final Binder binder = new Binder(JsonbBuilder.create());

    /** Captures a generic type: {@code new TypeOf<List<Item>>() {}.type()}. */
    abstract static class TypeOf<T> {
        Type type() {
            return ((ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }

    public record Item(String sku, int quantity) {
    }

    public record Address(String city, int zip) {
    }

    public record Customer(String name, Address address, List<Address> previous) {
    }

    public record Money(BigDecimal amount, BigInteger cents) {
    }

    public record Schedule(Instant at, LocalDate day, Duration length) {
    }

    public enum Color { RED, GREEN }

    public static class Settings {
        private String theme;
        private int fontSize;

        public Settings() {
        }

        public String getTheme() {
            return theme;
        }

        public void setTheme(String theme) {
            this.theme = theme;
        }

        public int getFontSize() {
            return fontSize;
        }

        public void setFontSize(int fontSize) {
            this.fontSize = fontSize;
        }
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private Object bind(String data, Type type) {
        return binder.bind(json(data), type);
    }

    private BindingException refused(String data, Type type) {
        return assertThrows(BindingException.class, () -> bind(data, type));
    }

    @Nested
    class Binding {

        @Test
        void aRecordBindsFromAnObject() {
            assertEquals(new Item("A-1", 3), bind("{\"sku\":\"A-1\",\"quantity\":3}", Item.class));
        }

        @Test
        void nestedRecordsAndListsOfRecordsBind() {
            assertEquals(new Customer("Ann", new Address("Oslo", 150), List.of(new Address("Rome", 100))),
                    bind("{\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\",\"zip\":150},"
                            + "\"previous\":[{\"city\":\"Rome\",\"zip\":100}]}", Customer.class));
        }

        @Test
        void missingRecordComponentsBindToNullAndZero() {
            assertEquals(new Item(null, 0), bind("{}", Item.class));
        }

        @Test
        void aPojoBindsThroughItsNoArgConstructorAndSetters() {
            Settings settings = assertInstanceOf(Settings.class, bind("{\"theme\":\"dark\",\"fontSize\":14}",
                    Settings.class));

            assertEquals("dark", settings.getTheme());
            assertEquals(14, settings.getFontSize());
        }

        @Test
        void anEnumBindsFromItsName() {
            assertEquals(Color.GREEN, bind("\"GREEN\"", Color.class));
        }

        @Test
        void anUnknownEnumNameIsRefused() {
            BindingException e = refused("\"BLUE\"", Color.class);

            assertEquals("data does not fit the route's input type", e.getMessage());
            assertEquals("", e.path());
        }

        @Test
        void javaTimeTypesBindFromIsoText() {
            assertEquals(new Schedule(Instant.parse("2024-05-06T07:08:09.123Z"), LocalDate.of(2024, 2, 29),
                            Duration.ofMinutes(90)),
                    bind("{\"at\":\"2024-05-06T07:08:09.123Z\",\"day\":\"2024-02-29\",\"length\":\"PT1H30M\"}",
                            Schedule.class));
        }

        @Test
        void anInvalidDateIsRefusedNamingTheProperty() {
            BindingException e = refused("{\"day\":\"2023-02-29\"}", Schedule.class);

            assertEquals("day", e.path());
            assertEquals("'day' has the wrong type or format", e.getMessage());
        }

        @Test
        void bigDecimalAndBigIntegerKeepValuesBeyondDoublePrecision() {
            Money money = assertInstanceOf(Money.class, bind("{\"amount\":12345678901234567890.12345678901234567890,"
                    + "\"cents\":123456789012345678901234567890}", Money.class));

            assertEquals(new BigDecimal("12345678901234567890.12345678901234567890"), money.amount());
            assertEquals(new BigInteger("123456789012345678901234567890"), money.cents());
        }

        @Test
        void aTopLevelBigDecimalKeepsItsExactValue() {
            assertEquals(new BigDecimal("0.1000000000000000000000000000001"),
                    bind("0.1000000000000000000000000000001", BigDecimal.class));
        }

        @Test
        void aListOfRecordsBinds() {
            assertEquals(List.of(new Item("a", 1), new Item("b", 2)),
                    bind("[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"b\",\"quantity\":2}]",
                            new TypeOf<List<Item>>() { }.type()));
        }

        @Test
        void aSetDropsDuplicates() {
            assertEquals(Set.of("x", "y"), bind("[\"x\",\"y\",\"x\"]", new TypeOf<Set<String>>() { }.type()));
        }

        @Test
        void aMapWithStringKeysBinds() {
            assertEquals(Map.of("a", new Item("a", 1)),
                    bind("{\"a\":{\"sku\":\"a\",\"quantity\":1}}", new TypeOf<Map<String, Item>>() { }.type()));
        }

        @Test
        void aMapWithIntegerKeysTravelsAsAnObjectWithNumericKeysAndComesBack() {
            Map<Integer, String> map = new TreeMap<>(Map.of(1, "one", 20, "twenty"));
            Type type = new TypeOf<Map<Integer, String>>() { }.type();

            String json = binder.toJson(map);

            assertEquals("{\"1\":\"one\",\"20\":\"twenty\"}", json);
            assertEquals(map, bind(json, type));
        }

        @Test
        void aMapWithLocalDateKeysTravelsAsAnObjectWithIsoDateKeysAndComesBack() {
            Map<LocalDate, Integer> map = new TreeMap<>(Map.of(LocalDate.of(2024, 1, 2), 3,
                    LocalDate.of(2025, 12, 31), 4));
            Type type = new TypeOf<Map<LocalDate, Integer>>() { }.type();

            String json = binder.toJson(map);

            assertEquals("{\"2024-01-02\":3,\"2025-12-31\":4}", json);
            assertEquals(map, bind(json, type));
        }

        @Test
        void aMapKeyThatIsNotANumberIsRefusedForIntegerKeys() {
            refused("{\"one\":\"x\"}", new TypeOf<Map<Integer, String>>() { }.type());
        }

        @Test
        void anOptionalOfAbsentDataIsEmpty() {
            assertEquals(Optional.empty(), binder.bind(JsonValue.NULL, new TypeOf<Optional<Item>>() { }.type()));
        }

        @Test
        void anOptionalOfPresentDataHoldsTheBoundValue() {
            assertEquals(Optional.of(new Item("z", 9)),
                    bind("{\"sku\":\"z\",\"quantity\":9}", new TypeOf<Optional<Item>>() { }.type()));
        }

        @Test
        void anOptionalOfTheWrongTypeIsRefused() {
            assertEquals("quantity", refused("{\"quantity\":\"many\"}", new TypeOf<Optional<Item>>() { }.type()).path());
        }

        @Test
        void jsonValueIsPassedThroughAsTheSameTree() {
            JsonValue data = json("{\"n\":12345678901234567890.5,\"x\":[true,null]}");

            assertSame(data, binder.bind(data, JsonValue.class));
        }

        @Test
        void jsonValueAcceptsNullData() {
            assertSame(JsonValue.NULL, binder.bind(JsonValue.NULL, JsonValue.class));
        }

        @Test
        void jsonObjectIsPassedThroughWhenTheDataIsAnObject() {
            JsonValue data = json("{\"a\":1}");

            assertSame(data, binder.bind(data, JsonObject.class));
        }

        @Test
        void jsonObjectRefusesAnArray() {
            BindingException e = refused("[1]", JsonObject.class);

            assertEquals("data must be a JSON object", e.getMessage());
            assertEquals("", e.path());
        }

        @Test
        void jsonObjectRefusesNullData() {
            assertEquals("data must be a JSON object",
                    assertThrows(BindingException.class, () -> binder.bind(JsonValue.NULL, JsonObject.class)).getMessage());
        }

        @Test
        void jsonArrayAndJsonNumberNameTheirKindWhenRefused() {
            assertEquals("data must be a JSON array", refused("{}", JsonArray.class).getMessage());
            assertEquals("data must be a JSON number", refused("\"1\"", JsonNumber.class).getMessage());
        }

        @Test
        void voidIgnoresTheDataAndBindsNull() {
            assertNull(bind("{\"anything\":[1,2]}", Void.class));
            assertNull(binder.bind(JsonValue.NULL, Void.class));
        }

        @Test
        void nullDataForARecordIsRefusedAsRequired() {
            BindingException e = assertThrows(BindingException.class, () -> binder.bind(JsonValue.NULL, Item.class));

            assertEquals("data is required", e.getMessage());
            assertEquals("", e.path());
        }

        @Test
        void nullDataForAListIsRefusedAsRequired() {
            assertEquals("data is required", assertThrows(BindingException.class,
                    () -> binder.bind(JsonValue.NULL, new TypeOf<List<Item>>() { }.type())).getMessage());
        }

        @Test
        void aFieldOfTheWrongTypeIsRefusedNamingTheField() {
            BindingException e = refused("{\"sku\":\"a\",\"quantity\":\"three\"}", Item.class);

            assertEquals("quantity", e.path());
            assertEquals("'quantity' has the wrong type or format", e.getMessage());
        }

        @Test
        void aPojoPropertyOfTheWrongTypeIsRefusedNamingTheProperty() {
            assertEquals("fontSize", refused("{\"fontSize\":\"big\"}", Settings.class).path());
        }

        @Test
        void aNestedFieldOfTheWrongTypeIsRefusedWithItsDottedPath() {
            BindingException e = refused("{\"name\":\"Ann\",\"address\":{\"city\":\"Oslo\",\"zip\":\"x\"}}",
                    Customer.class);

            assertEquals("address.zip", e.path());
            assertEquals("'address.zip' has the wrong type or format", e.getMessage());
        }

        @Test
        void aFieldOfTheWrongTypeInsideAListIsRefusedWithAPathWithoutTheIndex() {
            // Yasson names the properties it was in, not the list index.
            assertEquals("previous.zip",
                    refused("{\"previous\":[{\"city\":\"a\",\"zip\":1},{\"city\":\"b\",\"zip\":\"x\"}]}",
                            Customer.class).path());
        }

        @Test
        void anArrayForARecordIsRefusedForTheWholeData() {
            BindingException e = refused("[1,2]", Item.class);

            assertEquals("data does not fit the route's input type", e.getMessage());
            assertEquals("", e.path());
        }
    }

    @Nested
    class Serializing {

        @Test
        void nullIsTheJsonNullLiteral() {
            assertEquals("null", binder.toJson(null));
        }

        @Test
        void aJsonValueIsWrittenAsItsOwnText() {
            assertEquals("{\"n\":12345678901234567890.12345678901234567890}",
                    binder.toJson(json("{\"n\":12345678901234567890.12345678901234567890}")));
        }

        @Test
        void aRecordIsWrittenAsAnObject() {
            assertEquals("{\"quantity\":3,\"sku\":\"A-1\"}", binder.toJson(new Item("A-1", 3)));
        }

        @Test
        void nullComponentsAreLeftOut() {
            assertEquals("{\"quantity\":0}", binder.toJson(new Item(null, 0)));
        }

        @Test
        void bigDecimalIsWrittenExactly() {
            assertEquals("12345678901234567890.12345678901234567890",
                    binder.toJson(new BigDecimal("12345678901234567890.12345678901234567890")));
        }

        @Test
        void javaTimeTypesAreWrittenAsIsoText() {
            assertEquals("{\"at\":\"2024-05-06T07:08:09Z\",\"day\":\"2024-02-29\",\"length\":\"PT1H30M\"}",
                    binder.toJson(new Schedule(Instant.parse("2024-05-06T07:08:09Z"), LocalDate.of(2024, 2, 29),
                            Duration.ofMinutes(90))));
        }

        @Test
        void aStringIsWrittenAsAJsonString() {
            assertEquals("\"say \\\"hi\\\"\"", binder.toJson("say \"hi\""));
        }

        @Test
        void aMapKeepsItsIterationOrder() {
            Map<String, Integer> map = new LinkedHashMap<>();
            map.put("b", 1);
            map.put("a", 2);

            assertEquals("{\"b\":1,\"a\":2}", binder.toJson(map));
        }

        @Test
        void aValueJsonbCannotWriteFailsWithJsonbException() {
            Logger yasson = Logger.getLogger("org.eclipse.yasson");
            Level level = yasson.getLevel();
            yasson.setLevel(Level.OFF); // Yasson logs SEVERE before throwing
            try {
                assertThrows(JsonbException.class, () -> binder.toJson(new Exploding()));
            } finally {
                yasson.setLevel(level);
            }
        }
    }

    public static class Exploding {
        public String getValue() {
            throw new IllegalStateException("cannot read");
        }
    }
}
