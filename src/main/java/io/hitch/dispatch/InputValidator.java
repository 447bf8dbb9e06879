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
        List<Violation> violations = new java.util.ArrayList<>();
        collect(target, "", violations);
        violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::message));
        return List.copyOf(violations);
    }

    // A top-level collection or map has no constraints of its own: its elements are checked instead.
    private void collect(Object target, String prefix, List<Violation> out) {
        if (target == null || target instanceof jakarta.json.JsonValue) {
            return;
        }
        if (target instanceof java.util.List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), prefix + "[" + i + "]", out);
            }
        } else if (target instanceof java.util.Collection<?> collection) {
            for (Object element : collection) {
                collect(element, prefix + "[]", out);
            }
        } else if (target instanceof java.util.Map<?, ?> map) {
            map.forEach((key, value) -> collect(value, prefix + "[" + key + "]", out));
        } else if (target instanceof Object[] array) {
            for (int i = 0; i < array.length; i++) {
                collect(array[i], prefix + "[" + i + "]", out);
            }
        } else {
            for (ConstraintViolation<Object> v : validator.validate(target)) {
                String path = v.getPropertyPath().toString();
                out.add(new Violation(prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path,
                        v.getMessage()));
            }
        }
    }

    private static Violation violation(ConstraintViolation<Object> v) {
        return new Violation(v.getPropertyPath().toString(), v.getMessage());
    }
}
