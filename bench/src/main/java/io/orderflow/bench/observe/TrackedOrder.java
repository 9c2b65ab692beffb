package io.orderflow.bench.observe;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An accepted order whose terminal state the run is waiting for. Times are {@link System#nanoTime()} values.
 *
 * @param orderId       the id the application returned
 * @param intendedNanos when the generator meant to send it
 * @param acceptedNanos when its 202 arrived
 * @param terminal      completes when its terminal state is observed
 */
public record TrackedOrder(String orderId, long intendedNanos, long acceptedNanos, CompletableFuture<Void> terminal) {

    public TrackedOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(terminal, "terminal");
    }
}
