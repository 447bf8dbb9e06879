package io.hitch.dispatch;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Checks bound request data against its Jakarta Validation constraints. */
public final class InputValidator {

    /**
     * One broken constraint, as sent in a {@code bad_data} error's details.
     *
     * @param path    the property path, e.g. {@code "name"} or {@code "lines[0].amount"}
     * @param message the constraint's message, e.g. {@code "must not be blank"}
     */
    @jakarta.json.bind.annotation.JsonbPropertyOrder({"path", "message"})
    public record Violation(String path, String message) {
    }

    private final Validator validator;

    public InputValidator(Validator validator) {
        this.validator = validator;
    }

    /**
     * @param input the bound data (null and JSON trees have no constraints)
     * @return the violations, sorted by path; empty when valid
     */
    public List<Violation> validate(Object input) {
        Object target = input instanceof Optional<?> optional ? optional.orElse(null) : input;
        if (target == null || target instanceof jakarta.json.JsonValue) {
            return List.of();
        }
        return validator.validate(target).stream()
                .map(InputValidator::violation)
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
                .toList();
    }

    private static Violation violation(ConstraintViolation<Object> v) {
        return new Violation(v.getPropertyPath().toString(), v.getMessage());
    }
}
