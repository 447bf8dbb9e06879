package io.hitch.bench;

import io.hitch.api.Peer;
import io.hitch.api.Route;
import io.hitch.api.RouteHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code echo} through the typed path: JSON-B binds the data to a record, Jakarta Validation checks
 * it, and JSON-B writes it back. The demo's {@code echo} takes the raw JSON tree instead.
 */
@Route("bench.echo")
@ApplicationScoped
public class BenchEcho implements RouteHandler<BenchEcho.Item, BenchEcho.Item> {

    /** The typed payload, about 100 bytes of JSON. */
    public record Item(@NotBlank @Size(max = 40) String name, @PositiveOrZero long seq, @NotNull BigDecimal price,
                       List<String> tags, boolean active, String note) {
    }

    @Override
    public Item handle(Item item, Peer caller) {
        return item;
    }
}
