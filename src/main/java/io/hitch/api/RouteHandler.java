package io.hitch.api;

/**
 * Serves one route. Implement it in a CDI bean qualified with {@link Route}; Hitch binds the
 * request's {@code data} to {@code I} with JSON-B, validates it with Jakarta Validation, calls
 * {@link #handle}, and serializes the result as the reply's {@code data}.
 *
 * <pre>{@code
 * @Route("orders.total") @ApplicationScoped
 * public class OrderTotal implements RouteHandler<Order, BigDecimal> {
 *     public BigDecimal handle(Order order, Peer caller) {
 *         return order.lines().stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code I} may be a record, a POJO, an enum, a {@code java.time} type, {@code BigDecimal},
 *       a collection or map, {@code Optional<T>}, or {@code jakarta.json.JsonValue} for the raw tree.
 *       A route that takes no data declares {@code Void}, {@code Optional<T>} or {@code JsonValue};
 *       for any other type a missing or null {@code data} is answered with {@code bad_data}.</li>
 *   <li>{@code O} may be {@code CompletionStage<T>}: the reply is sent when it completes, and the
 *       handler must not block while it waits.</li>
 *   <li>Throw {@link RouteException} to answer an error reply with your own code; any other
 *       exception answers {@code internal} with an incident id that is also logged.</li>
 * </ul>
 *
 * <p>Handlers run on the connection's container thread, one frame at a time per connection: return a
 * {@code CompletionStage} for slow work instead of blocking.
 *
 * @param <I> the type the request data binds to
 * @param <O> the reply data type, or a {@code CompletionStage} of it
 */
@FunctionalInterface
public interface RouteHandler<I, O> {

    /**
     * Answers one request or handles one notification.
     *
     * @param data   the request's data, bound and validated
     * @param caller the connection that sent it
     * @return the reply data (ignored for notifications), or a stage completing with it
     */
    O handle(I data, Peer caller);
}
