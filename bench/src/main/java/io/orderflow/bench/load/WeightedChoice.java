package io.orderflow.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A discrete distribution over integer values with relative weights, for example the number of
 * lines per order written {@code "1:60,2:30,3:10"}.
 */
public final class WeightedChoice {

    private final int[] values;
    private final double[] cumulative;

    private WeightedChoice(int[] values, double[] weights) {
        this.values = values;
        this.cumulative = new double[weights.length];
        double total = Arrays.stream(weights).sum();
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i] / total;
            cumulative[i] = running;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    /**
     * Parses {@code value:weight} pairs separated by commas; a bare value has weight 1.
     *
     * @throws IllegalArgumentException when the text is empty, a value or weight is not a number,
     *                                  a weight is negative or all weights are zero
     */
    public static WeightedChoice parse(String text) {
        Objects.requireNonNull(text, "text");
        Map<Integer, Double> weights = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] pair = trimmed.split(":", 2);
            try {
                int value = Integer.parseInt(pair[0].trim());
                double weight = pair.length == 2 ? Double.parseDouble(pair[1].trim()) : 1.0;
                if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
                    throw new IllegalArgumentException("weight must be a finite non-negative number: " + trimmed);
                }
                weights.merge(value, weight, Double::sum);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected value:weight, got '" + trimmed + "'", e);
            }
        }
        return of(weights);
    }

    /** A distribution from explicit weights, in the map's iteration order. */
    public static WeightedChoice of(Map<Integer, Double> weights) {
        List<Integer> values = new ArrayList<>();
        List<Double> positive = new ArrayList<>();
        weights.forEach((value, weight) -> {
            if (weight > 0) {
                values.add(value);
                positive.add(weight);
            }
        });
        if (values.isEmpty()) {
            throw new IllegalArgumentException("at least one value needs a positive weight: " + weights);
        }
        return new WeightedChoice(
                values.stream().mapToInt(Integer::intValue).toArray(),
                positive.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The value whose cumulative probability interval contains {@code uniform}.
     *
     * @param uniform a number in {@code [0, 1)}
     */
    public int pick(double uniform) {
        int index = Arrays.binarySearch(cumulative, uniform);
        int slot = index >= 0 ? index + 1 : -index - 1;
        return values[Math.min(slot, values.length - 1)];
    }

    /** The largest value that can be picked. */
    public int maxValue() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /** The expected value of a pick. */
    public double mean() {
        double mean = 0;
        double previous = 0;
        for (int i = 0; i < values.length; i++) {
            mean += values[i] * (cumulative[i] - previous);
            previous = cumulative[i];
        }
        return mean;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        double previous = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(values[i]).append(':').append(String.format(java.util.Locale.ROOT, "%.4g", cumulative[i] - previous));
            previous = cumulative[i];
        }
        return text.toString();
    }
}
