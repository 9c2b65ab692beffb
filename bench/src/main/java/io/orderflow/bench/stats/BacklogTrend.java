package io.orderflow.bench.stats;

import java.util.List;

/**
 * How the number of orders in flight moved over the measured window: a least-squares line through
 * the per-second samples. At a sustainable load the count hovers around rate times latency and the
 * slope is near zero; when the application falls behind it grows by (offered - served) per second.
 *
 * <p>The backlog counts as growing when the slope exceeds the threshold <em>and</em> the fitted rise
 * over the window is more than noise: at least {@value #MIN_RISE} orders. A short window with a
 * handful of orders in flight (a closed loop) is not called growing because its count wobbled by
 * three; over a 60 s window the threshold slope alone decides.
 *
 * @param samples        number of samples fitted
 * @param slopePerSecond fitted change of the in-flight count per second
 * @param first          in-flight count of the first sample
 * @param last           in-flight count of the last sample
 * @param max            largest in-flight count sampled
 * @param mean           mean in-flight count
 * @param threshold      the slope above which the backlog counts as growing
 * @param growing        whether the slope exceeds the threshold
 */
public record BacklogTrend(
        int samples, double slopePerSecond, long first, long last, long max, double mean,
        double threshold, boolean growing) {

    /** The smallest fitted rise over the window, in orders, that can count as growth. */
    public static final int MIN_RISE = 10;

    /**
     * Fits the samples.
     *
     * @param samples   per-second samples of the measured window
     * @param threshold slope, in orders per second, above which the backlog is called growing
     */
    public static BacklogTrend fit(List<BacklogSample> samples, double threshold) {
        int n = samples.size();
        if (n == 0) {
            return new BacklogTrend(0, 0, 0, 0, 0, 0, threshold, false);
        }
        double meanT = 0;
        double meanY = 0;
        long max = Long.MIN_VALUE;
        for (BacklogSample sample : samples) {
            meanT += sample.seconds();
            meanY += sample.inFlight();
            max = Math.max(max, sample.inFlight());
        }
        meanT /= n;
        meanY /= n;
        double covariance = 0;
        double variance = 0;
        for (BacklogSample sample : samples) {
            double dt = sample.seconds() - meanT;
            covariance += dt * (sample.inFlight() - meanY);
            variance += dt * dt;
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        double span = samples.get(n - 1).seconds() - samples.get(0).seconds();
        double rise = slope * span;
        boolean growing = n >= 3 && slope > threshold && rise >= MIN_RISE;
        return new BacklogTrend(n, slope, samples.get(0).inFlight(), samples.get(n - 1).inFlight(), max, meanY,
                threshold, growing);
    }
}
