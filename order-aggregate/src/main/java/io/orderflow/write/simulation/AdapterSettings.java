package io.orderflow.write.simulation;

/**
 * Fault injection of one simulated adapter. Immutable; validated on construction.
 *
 * @param rejectionRate        share of new requests answered with a business refusal, 0 to 1: a
 *                             decline at the payment provider, a refusal at the carrier
 * @param technicalFailureRate share of calls that fail technically (any operation), 0 to 1
 * @param latencyMinMillis     the shortest response time, in milliseconds
 * @param latencyMaxMillis     the longest response time, in milliseconds; at least the minimum
 * @param timeoutMillis        the caller's patience: a response slower than this fails as "timed
 *                             out" after exactly this long, in milliseconds
 * @param seed                 the seed of the adapter's random sequence; the same settings give the
 *                             same sequence of outcomes
 */
public record AdapterSettings(
        double rejectionRate,
        double technicalFailureRate,
        long latencyMinMillis,
        long latencyMaxMillis,
        long timeoutMillis,
        long seed) {

    /** The longest latency or timeout accepted: ten minutes. */
    public static final long MAX_MILLIS = 600_000;

    /** The default timeout, in milliseconds. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 2_000;

    /** The default seed. */
    public static final long DEFAULT_SEED = 42;

    public AdapterSettings {
        requireRate("rejectionRate", rejectionRate);
        requireRate("technicalFailureRate", technicalFailureRate);
        if (latencyMinMillis < 0 || latencyMaxMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("latency must be between 0 and " + MAX_MILLIS + " ms, got "
                    + latencyMinMillis + "-" + latencyMaxMillis);
        }
        if (latencyMinMillis > latencyMaxMillis) {
            throw new IllegalArgumentException("latencyMinMillis (" + latencyMinMillis
                    + ") must not exceed latencyMaxMillis (" + latencyMaxMillis + ")");
        }
        if (timeoutMillis < 1 || timeoutMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("timeoutMillis must be between 1 and " + MAX_MILLIS + ", got "
                    + timeoutMillis);
        }
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }

    /** No faults, no latency, a 2000 ms timeout and seed 42: the defaults. */
    public static AdapterSettings reliable() {
        return new AdapterSettings(0, 0, 0, 0, DEFAULT_TIMEOUT_MILLIS, DEFAULT_SEED);
    }

    /** A copy with another rejection rate. */
    public AdapterSettings withRejectionRate(double rate) {
        return new AdapterSettings(rate, technicalFailureRate, latencyMinMillis, latencyMaxMillis, timeoutMillis, seed);
    }

    /** A copy with another technical failure rate. */
    public AdapterSettings withTechnicalFailureRate(double rate) {
        return new AdapterSettings(rejectionRate, rate, latencyMinMillis, latencyMaxMillis, timeoutMillis, seed);
    }

    /** A copy with another latency range. */
    public AdapterSettings withLatency(long minMillis, long maxMillis) {
        return new AdapterSettings(rejectionRate, technicalFailureRate, minMillis, maxMillis, timeoutMillis, seed);
    }

    /** A copy with another timeout. */
    public AdapterSettings withTimeout(long millis) {
        return new AdapterSettings(rejectionRate, technicalFailureRate, latencyMinMillis, latencyMaxMillis, millis, seed);
    }

    /** A copy with another seed. */
    public AdapterSettings withSeed(long newSeed) {
        return new AdapterSettings(rejectionRate, technicalFailureRate, latencyMinMillis, latencyMaxMillis,
                timeoutMillis, newSeed);
    }
}
