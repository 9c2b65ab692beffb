package io.orderflow.bridge.publishing;

import io.orderflow.bridge.KafkaBridgeProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.DefaultProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Publishes every event of the event store to {@code orderflow.events}: the event store is the
 * outbox. The beans here replace the Axon Kafka extension's auto-configured converter, producer
 * factory, publisher and event publisher (all {@code @ConditionalOnMissingBean} there).
 *
 * <ul>
 *   <li>A tracking processor {@value KafkaEventPublisher#DEFAULT_PROCESSING_GROUP} reads the event
 *       store from its first event (so a new installation publishes the whole history), in batches
 *       of {@code orderflow.kafka.publisher.batch-size}, on one thread, sequenced by the record key.
 *       It is registered here whatever {@code axon.kafka.producer.event-processor-mode} says; leave
 *       that property unset (setting it makes the extension offer a {@code KafkaTokenStore}).</li>
 *   <li>The producer is idempotent with {@code acks=all}; the publisher waits for every
 *       acknowledgement ({@link ConfirmationMode#WAIT_FOR_ACK}, at most
 *       {@code orderflow.kafka.publisher.ack-timeout}), for all records of a batch together
 *       ({@link BatchAcknowledgingKafkaPublisher}) before the batch commits. A failed or unacknowledged send throws, the
 *       processor rolls the batch back without moving its token and retries with back-off (1 s
 *       doubling to 60 s) until Kafka is back. Delivery is at least once: a batch that failed half way
 *       is published again, so consumers de-duplicate on the {@code event-id} header.</li>
 *   <li>Records are keyed by order id (see {@link EventRecordKeyPolicy}) and carry the envelope
 *       headers of {@link EnvelopeKafkaMessageConverter}.</li>
 *   <li>By default ({@code orderflow.kafka.changes.processor=shared}) the order-change feed runs in this
 *       processor too and sends through this producer ({@code OrderChangesConfiguration}): one pass over
 *       the event store, one token update per batch for both topics. A batch then commits only when the
 *       records of both topics were acknowledged, so a failing order-change topic also holds up this
 *       one.</li>
 * </ul>
 *
 * <p>{@code axon.kafka.publisher.enabled=false} switches publishing off (the converter stays, for
 * consumers). Producer settings from {@code axon.kafka.producer.*} apply, except that acks,
 * idempotence and the serializers are fixed here.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaBridgeProperties.class, KafkaProperties.class})
public class KafkaPublishingConfiguration {

    /** The name of the processor (and processing group) that publishes the event store to Kafka. */
    public static final String PUBLISHING_PROCESSOR = KafkaEventPublisher.DEFAULT_PROCESSING_GROUP;

    private static final String PUBLISHER_ENABLED = "axon.kafka.publisher.enabled";
    private static final String CLIENT_ID = "orderflow-event-publisher";

    private static final Logger log = LoggerFactory.getLogger(KafkaPublishingConfiguration.class);

    /** The record key of an event: order id, else aggregate id. */
    @Bean
    public EventRecordKeyPolicy eventRecordKeyPolicy() {
        return new EventRecordKeyPolicy();
    }

    /**
     * The converter of the publisher and of any Axon Kafka consumer.
     *
     * @param eventSerializer   the application's event serializer (Jackson)
     * @param keyPolicy         the record key
     * @param axonConfiguration the Axon configuration, for its upcaster chain
     */
    @Bean
    public KafkaMessageConverter<String, byte[]> kafkaMessageConverter(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            EventRecordKeyPolicy keyPolicy,
            ObjectProvider<Configuration> axonConfiguration) {
        return new EnvelopeKafkaMessageConverter(
                eventSerializer, keyPolicy, () -> axonConfiguration.getObject().upcasterChain());
    }

    /**
     * The producers of the publisher: one shared idempotent producer, {@code acks=all}, waiting for
     * acknowledgements.
     */
    @Bean("axonKafkaProducerFactory")
    @ConditionalOnProperty(name = PUBLISHER_ENABLED, havingValue = "true", matchIfMissing = true)
    public ProducerFactory<String, byte[]> axonKafkaProducerFactory(KafkaProperties axonKafkaProperties,
                                                                    KafkaBridgeProperties properties) {
        return DefaultProducerFactory.<String, byte[]>builder()
                .configuration(producerConfiguration(axonKafkaProperties, properties.publisher()))
                .confirmationMode(ConfirmationMode.WAIT_FOR_ACK)
                .build();
    }

    /** Every event goes to {@code orderflow.events}. */
    @Bean
    public TopicResolver topicResolver(KafkaBridgeProperties properties) {
        String topic = properties.topics().events();
        return event -> Optional.of(topic);
    }

    /**
     * Sends every event to {@code orderflow.events}; the acknowledgements of a batch are awaited
     * together ({@code orderflow.kafka.publisher.ack-wait: batch}) or one by one ({@code record}).
     */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnProperty(name = PUBLISHER_ENABLED, havingValue = "true", matchIfMissing = true)
    public KafkaPublisher<String, byte[]> kafkaPublisher(
            ProducerFactory<String, byte[]> axonKafkaProducerFactory,
            KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
            TopicResolver topicResolver,
            KafkaBridgeProperties properties) {
        return new BatchAcknowledgingKafkaPublisher<>(axonKafkaProducerFactory, kafkaMessageConverter, topicResolver,
                properties.publisher().ackTimeout(), properties.publisher().ackWait());
    }

    /**
     * The event handler that hands every event to the {@link KafkaPublisher}, and the tracking
     * processor {@value #PUBLISHING_PROCESSOR} that feeds it from the event store.
     */
    @Bean
    @ConditionalOnProperty(name = PUBLISHER_ENABLED, havingValue = "true", matchIfMissing = true)
    public KafkaEventPublisher<String, byte[]> kafkaEventPublisher(KafkaPublisher<String, byte[]> kafkaPublisher,
                                                                   EventProcessingConfigurer eventProcessing,
                                                                   EventRecordKeyPolicy keyPolicy,
                                                                   KafkaBridgeProperties properties) {
        KafkaEventPublisher<String, byte[]> eventPublisher = KafkaEventPublisher.<String, byte[]>builder()
                .kafkaPublisher(kafkaPublisher)
                .processingGroup(PUBLISHING_PROCESSOR)
                .build();
        int batchSize = properties.publisher().batchSize();
        eventProcessing
                .registerEventHandler(configuration -> eventPublisher)
                .assignHandlerInstancesMatching(PUBLISHING_PROCESSOR, eventPublisher::equals)
                .assignHandlerTypesMatching(PUBLISHING_PROCESSOR, KafkaEventPublisher.class::isAssignableFrom)
                // Rethrow: the processor rolls the batch back, keeps its token and retries.
                .registerListenerInvocationErrorHandler(
                        PUBLISHING_PROCESSOR, configuration -> PropagatingErrorHandler.instance())
                // The same for a failure while the batch commits (acknowledgements still pending in
                // prepare-commit, of this handler or of the order-change feed sharing the processor),
                // whatever the application's default processor error handler is.
                .registerErrorHandler(PUBLISHING_PROCESSOR, configuration -> PropagatingErrorHandler.instance())
                .registerSequencingPolicy(PUBLISHING_PROCESSOR, configuration -> keyPolicy)
                .registerTrackingEventProcessor(
                        PUBLISHING_PROCESSOR,
                        Configuration::eventStore,
                        configuration -> TrackingEventProcessorConfiguration
                                .forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken));
        return eventPublisher;
    }

    static Map<String, Object> producerConfiguration(KafkaProperties axonKafkaProperties,
                                                     KafkaBridgeProperties.Publisher publisher) {
        Map<String, Object> configuration = new HashMap<>(axonKafkaProperties.buildProducerProperties());
        enforce(configuration, ProducerConfig.ACKS_CONFIG, "all");
        enforce(configuration, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        configuration.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        configuration.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        configuration.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);

        Duration deliveryTimeout = publisher.deliveryTimeout();
        configuration.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
        configuration.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(Duration.ofSeconds(30).toMillis(), deliveryTimeout.toMillis() / 2));
        configuration.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // How long send() may block while the producer has no metadata (Kafka down at start-up).
        configuration.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeout.toMillis());

        if (publisher.ackTimeout().compareTo(deliveryTimeout) <= 0) {
            log.warn("orderflow.kafka.publisher.ack-timeout ({}) should exceed delivery-timeout ({}): the "
                    + "publisher may give up on a record the producer still delivers, which is then published twice",
                    publisher.ackTimeout(), deliveryTimeout);
        }
        return configuration;
    }

    private static void enforce(Map<String, Object> configuration, String key, String value) {
        Object configured = configuration.put(key, value);
        if (configured != null && !Objects.equals(configured.toString(), value)) {
            log.warn("Ignoring producer setting {}={}: the event publisher needs {}={}", key, configured, key, value);
        }
    }
}
