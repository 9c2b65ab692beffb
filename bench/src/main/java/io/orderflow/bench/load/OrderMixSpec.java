package io.orderflow.bench.load;

import java.util.Objects;

/**
 * What orders the generator places.
 *
 * @param seed            seed of the order generator: the same seed gives the same order for the same index
 * @param skuCount        number of distinct in-stock SKUs
 * @param skuPrefix       prefix of the SKU codes, for example {@code BENCH-} gives {@code BENCH-0001}
 * @param distribution    how lines spread over the SKUs
 * @param zipfExponent    the exponent s of the Zipf distribution (ignored for {@link SkuDistribution#UNIFORM})
 * @param lineCounts      distribution of the number of lines per order
 * @param maxQuantity     each line's quantity is uniform in {@code 1..maxQuantity}
 * @param soldOutShare    fraction of orders with one line on a SKU that has no stock (they end
 *                        {@code REJECTED} with {@code OUT_OF_STOCK})
 * @param currency        currency of every order
 */
public record OrderMixSpec(
        long seed,
        int skuCount,
        String skuPrefix,
        SkuDistribution distribution,
        double zipfExponent,
        WeightedChoice lineCounts,
        int maxQuantity,
        double soldOutShare,
        String currency) {

    public OrderMixSpec {
        Objects.requireNonNull(skuPrefix, "skuPrefix");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(lineCounts, "lineCounts");
        Objects.requireNonNull(currency, "currency");
        if (skuCount < 1) {
            throw new IllegalArgumentException("skuCount must be at least 1: " + skuCount);
        }
        if (maxQuantity < 1) {
            throw new IllegalArgumentException("maxQuantity must be at least 1: " + maxQuantity);
        }
        if (soldOutShare < 0 || soldOutShare > 1) {
            throw new IllegalArgumentException("soldOutShare must be in [0, 1]: " + soldOutShare);
        }
        if (zipfExponent < 0) {
            throw new IllegalArgumentException("zipfExponent must not be negative: " + zipfExponent);
        }
    }
}
