package io.orderflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OrderMixTest {

    private static OrderMixSpec spec(long seed, SkuDistribution distribution, double soldOutShare) {
        return new OrderMixSpec(seed, 20, "BENCH-", distribution, 1.0, WeightedChoice.parse("1:50,2:30,3:20"),
                3, soldOutShare, "EUR");
    }

    @Test
    void givesTheSameOrdersForTheSameSeed() {
        OrderMix first = new OrderMix(spec(42, SkuDistribution.UNIFORM, 0.1));
        OrderMix second = new OrderMix(spec(42, SkuDistribution.UNIFORM, 0.1));

        // asked in a different order, as the slots of a closed loop would
        for (long index = 999; index >= 0; index--) {
            assertThat(second.order(index)).isEqualTo(first.order(index));
        }
    }

    @Test
    void givesOtherOrdersForAnotherSeed() {
        OrderMix first = new OrderMix(spec(42, SkuDistribution.UNIFORM, 0));
        OrderMix other = new OrderMix(spec(43, SkuDistribution.UNIFORM, 0));

        long different = LongStream.range(0, 100).filter(i -> !first.order(i).equals(other.order(i))).count();
        assertThat(different).isGreaterThan(90);
    }

    @Test
    void followsTheLineCountDistribution() {
        OrderMix mix = new OrderMix(spec(7, SkuDistribution.UNIFORM, 0));
        Map<Integer, Integer> lineCounts = new HashMap<>();
        int orders = 20_000;

        for (long index = 0; index < orders; index++) {
            lineCounts.merge(mix.order(index).lines().size(), 1, Integer::sum);
        }

        assertThat(lineCounts.keySet()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(lineCounts.get(1) / (double) orders).isBetween(0.48, 0.52);
        assertThat(lineCounts.get(2) / (double) orders).isBetween(0.28, 0.32);
        assertThat(lineCounts.get(3) / (double) orders).isBetween(0.18, 0.22);
    }

    @Test
    void neverRepeatsASkuWithinAnOrderAndKeepsQuantitiesInRange() {
        OrderMix mix = new OrderMix(spec(11, SkuDistribution.ZIPF, 0));

        for (long index = 0; index < 5_000; index++) {
            OrderRequest order = mix.order(index);
            assertThat(new HashSet<>(order.lines().stream().map(OrderRequest.Line::sku).toList()))
                    .hasSize(order.lines().size());
            assertThat(order.lines()).allSatisfy(line -> {
                assertThat(line.quantity()).isBetween(1, 3);
                assertThat(mix.skus()).contains(line.sku());
                assertThat(line.unitPrice()).isEqualTo(mix.unitPrice(line.sku()));
            });
        }
    }

    @Test
    void concentratesLinesOnTheFirstSkusUnderZipf() {
        OrderMix uniform = new OrderMix(spec(5, SkuDistribution.UNIFORM, 0));
        OrderMix zipf = new OrderMix(spec(5, SkuDistribution.ZIPF, 0));

        assertThat(share(zipf, "BENCH-0001")).isGreaterThan(2 * share(uniform, "BENCH-0001"));
    }

    @Test
    void putsASoldOutLineIntoTheConfiguredShareOfOrders() {
        OrderMix mix = new OrderMix(spec(3, SkuDistribution.UNIFORM, 0.1));
        int orders = 20_000;

        long soldOut = LongStream.range(0, orders)
                .filter(i -> mix.order(i).lines().stream().anyMatch(line -> line.sku().equals(mix.soldOutSku())))
                .count();

        assertThat(mix.usesSoldOutSku()).isTrue();
        assertThat(soldOut / (double) orders).isBetween(0.09, 0.11);
    }

    @Test
    void usesValidSkuCodes() {
        OrderMix mix = new OrderMix(spec(1, SkuDistribution.UNIFORM, 0.5));

        assertThat(mix.skus()).hasSize(20).first().isEqualTo("BENCH-0001");
        assertThat(mix.skus()).allMatch(io.orderflow.api.inventory.Sku::isValid);
        assertThat(io.orderflow.api.inventory.Sku.isValid(mix.soldOutSku())).isTrue();
    }

    private static double share(OrderMix mix, String sku) {
        int orders = 10_000;
        long lines = 0;
        long onSku = 0;
        for (long index = 0; index < orders; index++) {
            for (OrderRequest.Line line : mix.order(index).lines()) {
                lines++;
                if (line.sku().equals(sku)) {
                    onSku++;
                }
            }
        }
        return onSku / (double) lines;
    }
}
