package io.orderflow.write.simulation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring configuration of the simulated adapters: the {@link SimulationControl} seeded from properties. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulationProperties.class)
public class SimulationConfiguration {

    /**
     * The runtime switchboard of the simulated adapters.
     *
     * @param properties the initial settings, validated here so a bad value fails the start
     * @return the control shared by the adapters and the admin endpoints
     */
    @Bean
    public SimulationControl simulationControl(SimulationProperties properties) {
        return new SimulationControl(properties.toSettings());
    }
}
