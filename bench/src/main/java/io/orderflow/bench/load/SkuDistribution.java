package io.orderflow.bench.load;

/** How order lines spread over the benchmark's SKUs. */
public enum SkuDistribution {
    /** Every SKU equally likely: little contention on any one product aggregate. */
    UNIFORM,
    /** SKU number k has weight 1/k^s: a few hot products, as in a real catalogue, and contention on them. */
    ZIPF
}
