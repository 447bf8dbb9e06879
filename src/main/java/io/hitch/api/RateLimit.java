package io.hitch.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often one connection may call a route, on top of the connection-wide limit
 * ({@code hitch.rate-limit.*}). A call over the limit is answered {@code rate_limited} and the
 * handler does not run.
 *
 * <pre>{@code
 * @Route("chat.say") @ApplicationScoped
 * @RateLimit(perSecond = 2, burst = 5)
 * public class ChatSay implements RouteHandler<Say, Said> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RateLimit {

    /** @return calls per second one connection may make, sustained */
    int perSecond();

    /** @return calls one connection may make at once; defaults to {@link #perSecond()} */
    int burst() default 0;
}
