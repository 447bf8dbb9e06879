package io.hitch.dispatch;

import io.hitch.demo.HelloRequest;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputValidatorTest {
    private final InputValidator v = new InputValidator(Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void elementsOfAListInputAreValidated() {
        assertEquals(List.of(new InputValidator.Violation("[1].name", "must not be blank")),
                v.validate(List.of(new HelloRequest("ok"), new HelloRequest(" "))));
    }

    @Test
    void valuesOfAMapInputAreValidated() {
        assertEquals(List.of(new InputValidator.Violation("[b].name", "must not be blank")),
                v.validate(Map.of("a", new HelloRequest("ok"), "b", new HelloRequest(""))));
    }

    record Line(@jakarta.validation.constraints.Positive int amount) {
    }

    record Order(@jakarta.validation.constraints.NotBlank String name, @jakarta.validation.Valid List<Line> lines) {
    }

    @Test
    void aValidatorMadeFromTheFactoryChecksFieldsAndCascadesIntoNestedObjects() {
        InputValidator fromFactory = InputValidator.of(Validation.buildDefaultValidatorFactory());
        assertEquals(List.of(new InputValidator.Violation("lines[1].amount", "must be greater than 0"),
                        new InputValidator.Violation("name", "must not be blank")),
                fromFactory.validate(new Order(" ", List.of(new Line(1), new Line(-2)))));
    }

    @Test
    void aValidatorMadeFromTheFactoryFindsNothingWrongWithValidData() {
        assertEquals(List.of(), InputValidator.of(Validation.buildDefaultValidatorFactory())
                .validate(new Order("widget", List.of(new Line(3)))));
    }
}
