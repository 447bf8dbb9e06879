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
}
