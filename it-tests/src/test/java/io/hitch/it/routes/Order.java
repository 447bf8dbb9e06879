package io.hitch.it.routes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request that uses every kind of type a route may bind. */
public record Order(@NotEmpty List<@Valid Line> lines, LocalDate due, Instant placed, Priority priority,
                    Map<String, BigInteger> counters, Optional<String> note) {

    public enum Priority { LOW, HIGH }

    public record Line(String sku, @Positive int quantity, BigDecimal price) {
    }
}
