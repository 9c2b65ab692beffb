package io.orderflow.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the message monitors of Axon's command bus, query bus, event store and event processors
 * ({@code orderflow.metrics.axon}, see {@link AxonMetricsProperties}).
 *
 * <p>Axon's components ask the configuration for their monitor by component type and name; the
 * default factory answering them is set by a {@link ConfigurerModule}. Axon's auto-configured
 * {@code MetricsConfigurerModule} sets one too, so {@link MessageMonitorsModule} runs after it and
 * replaces it ({@link MessageMonitorsModule#order()}); in {@code axon} mode this configuration adds
 * nothing and Axon's stays in charge.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AxonMetricsProperties.class)
public class AxonMetricsConfiguration {

    /**
     * The monitors of the chosen mode.
     *
     * @param properties    the mode
     * @param meterRegistry where the lean meters go; without a registry, lean means none
     * @return the module setting the default message monitor factory, or one that leaves Axon's
     */
    @Bean
    public ConfigurerModule axonMessageMonitors(AxonMetricsProperties properties,
                                                ObjectProvider<MeterRegistry> meterRegistry) {
        return switch (properties.axon()) {
            case AXON -> configurer -> { };
            case OFF -> new MessageMonitorsModule((type, name) -> NoOpMessageMonitor.instance());
            case LEAN -> {
                MeterRegistry registry = meterRegistry.getIfAvailable();
                yield registry == null
                        ? new MessageMonitorsModule((type, name) -> NoOpMessageMonitor.instance())
                        : new MessageMonitorsModule(new LeanMessageMonitors(registry)::monitorFor);
            }
        };
    }
}
