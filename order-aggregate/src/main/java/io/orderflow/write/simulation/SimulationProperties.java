package io.orderflow.write.simulation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The initial fault injection of the simulated adapters, {@code orderflow.simulation.payment.*} and
 * {@code orderflow.simulation.shipping.*}; changeable at runtime through {@link SimulationControl}.
 *
 * @param payment  the simulated payment provider
 * @param shipping the simulated carrier
 */
@ConfigurationProperties("orderflow.simulation")
public record SimulationProperties(@DefaultValue Adapter payment, @DefaultValue Adapter shipping) {

    /** The settings these properties describe. */
    public SimulationSettings toSettings() {
        return new SimulationSettings(payment.toSettings(), shipping.toSettings());
    }

    /**
     * One adapter.
     *
     * @param rejectionRate        {@code rejection-rate}: declines (payment) or refusals (shipping),
     *                             0 to 1 (default 0)
     * @param technicalFailureRate {@code technical-failure-rate}: technical failures, 0 to 1 (default 0)
     * @param latencyMin           {@code latency-min}: the shortest response time (default 0ms)
     * @param latencyMax           {@code latency-max}: the longest response time (default 0ms)
     * @param timeout              {@code timeout}: slower responses fail as timed out (default 2000ms)
     * @param seed                 {@code seed}: the seed of the random sequence (default 42)
     */
    public record Adapter(
            @DefaultValue("0") double rejectionRate,
            @DefaultValue("0") double technicalFailureRate,
            @DefaultValue("0ms") Duration latencyMin,
            @DefaultValue("0ms") Duration latencyMax,
            @DefaultValue("2000ms") Duration timeout,
            @DefaultValue("42") long seed) {

        /** The settings this adapter configuration describes; validated. */
        public AdapterSettings toSettings() {
            return new AdapterSettings(rejectionRate, technicalFailureRate, latencyMin.toMillis(),
                    latencyMax.toMillis(), timeout.toMillis(), seed);
        }
    }
}
