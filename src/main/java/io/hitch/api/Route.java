package io.hitch.api;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the route a {@link RouteHandler} bean serves. It is a CDI qualifier, so the route name is
 * part of the bean's identity.
 *
 * <pre>{@code
 * @Route("hello") @ApplicationScoped
 * public class Hello implements RouteHandler<HelloRequest, Greeting> {
 *     public Greeting handle(HelloRequest request, Peer caller) {
 *         return new Greeting("Hello, " + request.name() + "!");
 *     }
 * }
 * }</pre>
 *
 * <p>A name is one or more dot-separated segments of letters, digits, {@code _} and {@code -}
 * ({@code chat.message}), at most 128 characters. The prefix {@code hitch.} is reserved for
 * built-in routes. A duplicate or invalid name fails the deployment.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface Route {

    /** @return the route name clients call, for example {@code "chat.send"} */
    String value();

    /** An instance of {@link Route} for programmatic lookup, e.g. {@code Route.Literal.of("hello")}. */
    final class Literal extends AnnotationLiteral<Route> implements Route {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * @param value the route name
         * @return a qualifier instance naming that route
         */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
