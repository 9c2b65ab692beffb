package io.orderflow.bench.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the benchmark's orders. Order number {@code i} depends only on the seed and {@code i},
 * not on which thread asks or in what order, so two runs with the same seed offer the same orders.
 */
public final class OrderMix {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final OrderRequest.Address[] ADDRESSES = {
        new OrderRequest.Address("Ada Lovelace", "12 St James's Square", "London", "SW1Y 4JH", "GB"),
        new OrderRequest.Address("Grace Hopper", "1 Main Street", "Arlington", "22201", "US"),
        new OrderRequest.Address("Alan Turing", "Friedrichstrasse 100", "Berlin", "10117", "DE"),
        new OrderRequest.Address("Edsger Dijkstra", "Prinsengracht 263", "Amsterdam", "1016 GV", "NL"),
    };

    private final OrderMixSpec spec;
    private final List<String> skus;
    private final WeightedChoice skuChoice;

    public OrderMix(OrderMixSpec spec) {
        this.spec = spec;
        List<String> codes = new ArrayList<>(spec.skuCount());
        Map<Integer, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < spec.skuCount(); i++) {
            codes.add(skuCode(spec.skuPrefix(), i));
            double weight = spec.distribution() == SkuDistribution.ZIPF
                    ? 1.0 / Math.pow(i + 1, spec.zipfExponent())
                    : 1.0;
            weights.put(i, weight);
        }
        this.skus = List.copyOf(codes);
        this.skuChoice = WeightedChoice.of(weights);
    }

    /** The in-stock SKUs the orders use, most popular first for {@link SkuDistribution#ZIPF}. */
    public List<String> skus() {
        return skus;
    }

    /** The SKU that is registered without stock, used by {@link OrderMixSpec#soldOutShare()} of the orders. */
    public String soldOutSku() {
        return spec.skuPrefix() + "SOLD-OUT";
    }

    /** Whether any order uses {@link #soldOutSku()}. */
    public boolean usesSoldOutSku() {
        return spec.soldOutShare() > 0;
    }

    /** The unit price of a SKU: fixed per SKU so that totals are reproducible. */
    public BigDecimal unitPrice(String sku) {
        int hash = Math.floorMod(sku.hashCode(), 40);
        return BigDecimal.valueOf(500 + hash * 125L, 2);
    }

    /** The order with the given index. */
    public OrderRequest order(long index) {
        SplittableRandom random = new SplittableRandom(spec.seed() ^ (index * GOLDEN_GAMMA));
        int lineCount = Math.max(1, Math.min(spec.lineCounts().pick(random.nextDouble()), skus.size()));
        boolean soldOut = spec.soldOutShare() > 0 && random.nextDouble() < spec.soldOutShare();
        List<String> chosen = distinctSkus(random, lineCount);
        if (soldOut) {
            chosen.set(chosen.size() - 1, soldOutSku());
        }
        List<OrderRequest.Line> lines = new ArrayList<>(chosen.size());
        for (String sku : chosen) {
            int quantity = 1 + random.nextInt(spec.maxQuantity());
            lines.add(new OrderRequest.Line(sku, quantity, unitPrice(sku)));
        }
        String customer = "bench-customer-" + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
        OrderRequest.Address address = ADDRESSES[random.nextInt(ADDRESSES.length)];
        return new OrderRequest(customer, spec.currency(), address, lines);
    }

    private List<String> distinctSkus(SplittableRandom random, int count) {
        List<String> chosen = new ArrayList<>(count);
        boolean[] used = new boolean[skus.size()];
        int attempts = 0;
        while (chosen.size() < count && attempts < 32 * count) {
            int candidate = skuChoice.pick(random.nextDouble());
            attempts++;
            if (!used[candidate]) {
                used[candidate] = true;
                chosen.add(skus.get(candidate));
            }
        }
        // A steep Zipf distribution can keep drawing the same hot SKUs: fill up with the next unused ones.
        for (int i = 0; chosen.size() < count && i < used.length; i++) {
            if (!used[i]) {
                used[i] = true;
                chosen.add(skus.get(i));
            }
        }
        return chosen;
    }

    private static String skuCode(String prefix, int index) {
        return prefix + String.format(Locale.ROOT, "%04d", index + 1);
    }
}
