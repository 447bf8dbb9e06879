package io.hitch.it.routes;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Computes an exact total and echoes the typed members back. */
@Route("test.totals")
@ApplicationScoped
public class Totals implements RouteHandler<Order, Totals.Summary> {

    public record Summary(BigDecimal total, LocalDate due, Order.Priority priority, String note,
                          Map<Integer, String> lineSkus, String caller) {
    }

    @Override
    public Summary handle(Order order, Peer caller) {
        BigDecimal total = BigDecimal.ZERO;
        Map<Integer, String> skus = new TreeMap<>();
        for (int i = 0; i < order.lines().size(); i++) {
            Order.Line line = order.lines().get(i);
            total = total.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
            skus.put(i, line.sku());
        }
        return new Summary(total, order.due(), order.priority(), order.note().orElse("(none)"), skus, caller.id());
    }
}
