package io.orderflow.bridge.changes;

import io.orderflow.bridge.KafkaBridgeProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * The order-change feed: the {@link OrderChangePublisher} in its own tracking processor
 * {@value OrderChangePublisher#PROCESSING_GROUP} over the event store (one thread, from the first stored
 * event, token in the application's token store, failures rethrown so the token never passes an
 * unpublished change), and its producer (idempotent, {@code acks=all}).
 *
 * <p>What one change costs is set by {@link OrderChangesProperties}: {@code orderflow.kafka.changes.batch-size}
 * (64) events per unit of work, hence per database transaction and token update;
 * {@code orderflow.kafka.changes.ack-wait} ({@code batch}: the acknowledgements of a batch are awaited once,
 * before it commits; {@code record}: one wait per record); {@code orderflow.kafka.changes.state-cache-size}
 * (10,000 orders: the state before an event comes from memory instead of a read of the order's whole
 * stream in the event store; {@code 0}: always read). {@code batch-size=16}, {@code ack-wait=record} and
 * {@code state-cache-size=0} restore the feed's first behaviour.
 *
 * <p>The producer takes the connection settings of Spring Boot's {@code spring.kafka.*} (the Kafka
 * bootstrap listener points them at the cluster in use) and is not a bean: the application's own
 * {@code KafkaTemplate}, if any, stays Spring Boot's. {@code orderflow.kafka.changes.enabled=false}
 * switches the feed off.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaBridgeProperties.class, OrderChangesProperties.class})
@ConditionalOnProperty(name = OrderChangesProperties.PREFIX + ".enabled", havingValue = "true", matchIfMissing = true)
public class OrderChangesConfiguration {

    private static final String CLIENT_ID = "orderflow-order-changes";

    private static final Logger log = LoggerFactory.getLogger(OrderChangesConfiguration.class);

    /**
     * The feed's producer: idempotent, {@code acks=all}, closed with the context (after the processor has
     * stopped).
     *
     * @param kafka      Spring Boot's Kafka client settings
     * @param connection the connection details Spring Boot derived from them, if any
     * @param sslBundles SSL bundles, if any
     * @param changes    the feed's settings
     * @return the producer
     */
    @Bean
    public OrderChangeProducer orderChangeProducer(KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection,
            ObjectProvider<SslBundles> sslBundles, OrderChangesProperties changes) {
        Map<String, Object> configuration =
                producerConfiguration(kafka.buildProducerProperties(sslBundles.getIfAvailable()), changes);
        KafkaConnectionDetails details = connection.getIfAvailable();
        if (details != null) {
            configuration.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, details.getProducer().getBootstrapServers());
        }
        return new OrderChangeProducer(configuration);
    }

    /**
     * The feed's event handler.
     *
     * @param eventStore the event store (earlier events of an order)
     * @param producer   the feed's producer
     * @param bridge     the backbone's settings (topic name)
     * @param changes    the feed's settings
     * @return the publisher
     */
    @Bean
    public OrderChangePublisher orderChangePublisher(EventStore eventStore, OrderChangeProducer producer,
            KafkaBridgeProperties bridge, OrderChangesProperties changes) {
        return new OrderChangePublisher(eventStore, producer.operations(), bridge.topics().orderChanges(),
                changes.ackTimeout(), changes.ackWait(), changes.stateCacheSize());
    }

    /**
     * Registers the feed's tracking processor.
     *
     * @param eventProcessing the Axon event processing configuration
     * @param changes         the feed's settings
     */
    @Autowired
    public void registerOrderChangesProcessor(EventProcessingConfigurer eventProcessing, OrderChangesProperties changes) {
        int batchSize = changes.batchSize();
        eventProcessing
                // Rethrow: the processor rolls the batch back, keeps its token and retries with back-off.
                .registerListenerInvocationErrorHandler(
                        OrderChangePublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance())
                // The same for a failure while the batch commits (acknowledgements awaited in prepare-commit),
                // whatever the application's default processor error handler is.
                .registerErrorHandler(
                        OrderChangePublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessor(
                        OrderChangePublisher.PROCESSING_GROUP,
                        Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    /**
     * The producer settings of the feed: the application's Kafka client settings with the guarantees the
     * feed needs enforced.
     *
     * @param base    Spring Boot's producer settings
     * @param changes the feed's settings
     * @return the producer configuration
     */
    static Map<String, Object> producerConfiguration(Map<String, Object> base, OrderChangesProperties changes) {
        Map<String, Object> configuration = new HashMap<>(base);
        enforce(configuration, ProducerConfig.ACKS_CONFIG, "all");
        enforce(configuration, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        configuration.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        configuration.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        configuration.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        configuration.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        Duration deliveryTimeout = changes.deliveryTimeout();
        configuration.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
        configuration.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(Duration.ofSeconds(30).toMillis(), deliveryTimeout.toMillis() / 2));
        configuration.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // How long send() may block while the producer has no metadata (Kafka down).
        configuration.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout.toMillis());
        if (changes.ackTimeout().compareTo(deliveryTimeout) <= 0) {
            log.warn("{}.ack-timeout ({}) should exceed delivery-timeout ({}): the feed may give up on a change the "
                    + "producer still delivers", OrderChangesProperties.PREFIX, changes.ackTimeout(), deliveryTimeout);
        }
        return configuration;
    }

    private static void enforce(Map<String, Object> configuration, String key, String value) {
        Object configured = configuration.put(key, value);
        if (configured != null && !value.equals(configured.toString())) {
            log.warn("Ignoring producer setting {}={} for the order-change feed: it needs {}={}",
                    key, configured, key, value);
        }
    }
}
