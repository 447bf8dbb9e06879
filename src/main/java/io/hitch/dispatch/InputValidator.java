package io.hitch.dispatch;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import java.lang.annotation.ElementType;

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
     * A validator for data bound from JSON, made once from the application's factory. Every
     * property is reachable: the default resolver asks JPA whether each property of each object is
     * loaded (Liberty's persistence lookups showed in the profile of every typed request), which
     * means nothing for objects JSON-B has just made. It is also a plain validator, not a CDI proxy
     * called by reflection on every request.
     */
    public static InputValidator of(ValidatorFactory factory) {
        return new InputValidator(factory.usingContext().traversableResolver(new Reachable()).getValidator());
    }

    private static final class Reachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                   ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                                    ElementType elementType) {
            return true;
        }
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
