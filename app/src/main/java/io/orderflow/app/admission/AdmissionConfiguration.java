package io.orderflow.app.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.saga.OrderFulfilmentSagaConfig;
import io.orderflow.ui.api.order.OrderAdmission;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the {@link OrderAdmission} of the order API: {@link BacklogOrderAdmission}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionConfiguration {

    /**
     * @param properties       the bounds
     * @param registry         the application's meters
     * @param eventProcessing  Axon's processors, for whether the saga processor has caught up
     * @return refuses new orders while the saga processor or the command bus is behind
     */
    @Bean
    @ConditionalOnProperty(name = "orderflow.api.admission.enabled", matchIfMissing = true)
    public OrderAdmission orderAdmission(AdmissionProperties properties, MeterRegistry registry,
                                         EventProcessingConfiguration eventProcessing) {
        String saga = OrderFulfilmentSagaConfig.PROCESSING_GROUP;
        return new BacklogOrderAdmission(properties, registry, saga, () -> eventProcessing
                .eventProcessor(saga, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                                           .allMatch(EventTrackerStatus::isCaughtUp))
                .orElse(true));
    }
}
