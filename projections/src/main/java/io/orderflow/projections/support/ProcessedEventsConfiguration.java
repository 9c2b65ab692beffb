package io.orderflow.projections.support;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The processed-event ledger's retention: the clean-up runs whichever feed (Kafka or Axon) fills the
 * ledger, see {@link ProcessedEventsCleanup}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessedEventsProperties.class)
public class ProcessedEventsConfiguration {

    /** Deletes marks older than {@code orderflow.projections.processed-events.retention}. */
    @Bean
    ProcessedEventsCleanup processedEventsCleanup(ProcessedEvents processedEvents,
            PlatformTransactionManager transactionManager, ProcessedEventsProperties properties) {
        return new ProcessedEventsCleanup(processedEvents, transactionManager, properties, Clock.systemUTC());
    }
}
