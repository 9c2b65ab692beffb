package io.orderflow.bridge.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.orderflow.bridge.KafkaBridgeProperties;
import io.orderflow.bridge.publishing.KafkaPublishingConfiguration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the backbone visible: the gauges {@value #PUBLISHER_LAG} and {@value ConsumerLagMonitor#METER},
 * the health indicator {@code kafka}, and the handler of {@code FindBackboneStatusQuery}.
 *
 * <p>The publisher lag is the event store's head global index ({@code EventStore.createHeadToken()})
 * minus the position of the publishing processor {@value KafkaPublishingConfiguration#PUBLISHING_PROCESSOR}
 * as that processor reports it ({@code StreamingEventProcessor.processingStatus()}, the token it holds).
 * The token store is not asked: {@code TokenStore.fetchToken} claims the token, which would take it away
 * from the running publisher. The lag is therefore known in the instance that runs the publisher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaBridgeProperties.class, BackboneObservabilityProperties.class})
public class BackboneObservabilityConfiguration {

    /** The gauge of events in the event store that are not on Kafka yet. */
    public static final String PUBLISHER_LAG = "orderflow.kafka.publisher.lag";

    private static final String CLIENT_ID = "orderflow-backbone-observer";

    /**
     * The admin client of the health check and the lag metrics.
     *
     * @param kafka      Spring Boot's Kafka client settings
     * @param connection the connection details Spring Boot derived from them, if any
     * @param sslBundles SSL bundles, if any
     * @param properties the observability settings
     * @return the admin client, connecting on first use
     */
    @Bean
    public KafkaClusterAdmin kafkaClusterAdmin(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
            ObjectProvider<SslBundles> sslBundles, BackboneObservabilityProperties properties) {
        Map<String, Object> configuration = new HashMap<>(kafka.buildAdminProperties(sslBundles.getIfAvailable()));
        KafkaConnectionDetails details = connection.getIfAvailable();
        if (details != null) {
            configuration.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, details.getAdmin().getBootstrapServers());
        }
        configuration.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        int timeoutMs = (int) Math.max(properties.adminTimeout().toMillis(), properties.healthTimeout().toMillis());
        configuration.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        configuration.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return new KafkaClusterAdmin(configuration);
    }

    /**
     * The health indicator {@code kafka}.
     *
     * @param admin      the admin client
     * @param kafka      Spring Boot's Kafka client settings (the address, for the details)
     * @param properties the observability settings
     * @return the indicator
     */
    @Bean
    public KafkaHealthIndicator kafkaHealthIndicator(KafkaClusterAdmin admin, KafkaProperties kafka,
            BackboneObservabilityProperties properties) {
        return new KafkaHealthIndicator(admin, properties.healthTimeout(), String.join(",", kafka.getBootstrapServers()));
    }

    /**
     * The publisher lag and its gauge {@value #PUBLISHER_LAG} ({@code NaN} while unknown).
     *
     * @param eventStore      the event store (its head)
     * @param eventProcessing the processors (the publisher's position)
     * @param properties      the observability settings
     * @param meterRegistry   where the gauge goes
     * @return the publisher lag
     */
    @Bean
    public PublisherLag publisherLag(EventStore eventStore, ObjectProvider<EventProcessingConfiguration> eventProcessing,
            BackboneObservabilityProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        PublisherLag lag = new PublisherLag(
                () -> position(eventStore.createHeadToken()),
                () -> publisherPosition(eventProcessing.getIfAvailable()),
                properties.publisherLagCache(),
                System::nanoTime);
        Gauge.builder(PUBLISHER_LAG, lag, PublisherLag::gaugeValue)
                .description("Events in the event store that are not on Kafka yet")
                .strongReference(true)
                .register(registry(meterRegistry));
        return lag;
    }

    /**
     * The consumer lag of every consumer group of the event topic, and its gauge.
     *
     * @param admin         the admin client
     * @param bridge        the backbone's settings (the event topic)
     * @param properties    the observability settings
     * @param meterRegistry where the gauge goes
     * @return the monitor, measuring while the context runs
     */
    @Bean
    public ConsumerLagMonitor consumerLagMonitor(KafkaClusterAdmin admin, KafkaBridgeProperties bridge,
            BackboneObservabilityProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
        return new ConsumerLagMonitor(admin, bridge.topics().events(), properties.consumerLagInterval(),
                properties.adminTimeout(), registry(meterRegistry));
    }

    /**
     * The read models' counters.
     *
     * @param meterRegistry the registry they are in
     * @return the reader
     */
    @Bean
    public ProjectionCounters projectionCounters(ObjectProvider<MeterRegistry> meterRegistry) {
        return new ProjectionCounters(registry(meterRegistry));
    }

    /**
     * The handler of {@code FindBackboneStatusQuery}.
     *
     * @param publisherLag the publisher lag
     * @param consumerLag  the consumer lag
     * @param counters     the read models' counters
     * @param health       the Kafka health check
     * @return the query handler
     */
    @Bean
    public BackboneStatusQueryHandler backboneStatusQueryHandler(PublisherLag publisherLag,
            ConsumerLagMonitor consumerLag, ProjectionCounters counters, KafkaHealthIndicator health) {
        return new BackboneStatusQueryHandler(publisherLag, consumerLag, counters, health);
    }

    /**
     * The position of the publishing processor in this instance: the lowest position over its segments,
     * {@code -1} for a segment that has published nothing yet, empty when the processor does not run here
     * or holds no segment.
     */
    static OptionalLong publisherPosition(EventProcessingConfiguration eventProcessing) {
        if (eventProcessing == null) {
            return OptionalLong.empty();
        }
        Optional<StreamingEventProcessor> processor = eventProcessing.eventProcessor(
                KafkaPublishingConfiguration.PUBLISHING_PROCESSOR, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
        if (status.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(status.values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1));
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    private static MeterRegistry registry(ObjectProvider<MeterRegistry> meterRegistry) {
        return meterRegistry.getIfUnique(() -> Metrics.globalRegistry);
    }
}
