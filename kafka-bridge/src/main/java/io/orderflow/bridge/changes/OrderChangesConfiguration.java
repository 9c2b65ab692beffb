package io.orderflow.bridge.changes;

import io.orderflow.bridge.KafkaBridgeProperties;
import io.orderflow.bridge.publishing.KafkaPublishingConfiguration;
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
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * The order-change feed: the {@link OrderChangePublisher} in a tracking processor over the event store
 * (one thread, from the first stored event, token in the application's token store, failures rethrown so
 * the token never passes an unpublished change), writing with an idempotent {@code acks=all} producer.
 *
 * <p><b>Which processor</b> ({@code orderflow.kafka.changes.processor}):
 * <ul>
 *   <li>{@code shared} (default): the feed's processing group {@value OrderChangePublisher#PROCESSING_GROUP}
 *       is assigned to the event publisher's processor
 *       {@value KafkaPublishingConfiguration#PUBLISHING_PROCESSOR}, and its records go through the
 *       publisher's producer. One pass over the event store instead of two, one token update (database
 *       transaction) per batch instead of two, one producer whose requests carry the records of both
 *       topics, one processor thread less. Batch size, delivery timeout and producer settings are the
 *       publisher's ({@code orderflow.kafka.publisher.*}, {@code axon.kafka.producer.*}); the feed's
 *       {@code ack-wait}, {@code ack-timeout} and {@code state-cache-size} still apply. A batch commits only
 *       when both topics acknowledged its records. <b>The trade-off:</b> a broken order-change topic (or a
 *       failure while computing a change) now also holds up {@code orderflow.events}, and with it the read
 *       models fed from it, until it is fixed; both topics live on the same cluster, so an outage of the
 *       cluster stopped both anyway. The shared processor can be reset (the feed supports a replay): a
 *       replay re-sends changes only, as the extension's publisher skips replayed events.</li>
 *   <li>{@code own}: the feed in its own processor {@value OrderChangePublisher#PROCESSING_GROUP} with its
 *       own token, batch size ({@code orderflow.kafka.changes.batch-size}) and producer
 *       ({@code spring.kafka.producer.*} settings, client id {@code orderflow-order-changes}): the shape
 *       before, for measurement and for isolation of the two topics. Also used when the publisher is
 *       switched off ({@code axon.kafka.publisher.enabled=false}).</li>
 * </ul>
 *
 * <p><b>Switching an existing installation.</b> From {@code own} (every version before this setting) to
 * {@code shared}: the feed continues from the publisher's token; the {@value OrderChangePublisher#PROCESSING_GROUP}
 * token row stays, unused. Events the old feed had not handled when the old version stopped, but the
 * publisher had, get no change record: every change of such an order is still right (its {@code before}
 * is folded from the event store), but an order whose <em>last</em> event fell into that gap keeps an
 * outdated latest record on the compacted topic until its next event, which may never come. To switch
 * without a gap, stop taking commands and let both processors catch up (the two token rows show the same
 * position) before stopping the old version; after a gap, run once with {@code own} until both tokens are
 * at the head, then switch. Back from {@code shared} to {@code own}: the own processor resumes from its
 * old token (or the first event if there is none) and sends the changes since then again, with the same
 * content, which the compacted topic absorbs.
 *
 * <p>What one change costs is further set by {@link OrderChangesProperties}: {@code orderflow.kafka.changes.ack-wait}
 * ({@code batch}: the acknowledgements of a batch are awaited once, before it commits; {@code record}: one
 * wait per record); {@code orderflow.kafka.changes.state-cache-size} (10,000 orders: the state before an
 * event comes from memory instead of a read of the order's whole stream in the event store; {@code 0}:
 * always read); with {@code own}, {@code orderflow.kafka.changes.batch-size} (64) events per unit of work.
 * {@code processor=own}, {@code batch-size=16}, {@code ack-wait=record} and {@code state-cache-size=0}
 * restore the feed's first behaviour.
 *
 * <p>The own producer takes the connection settings of Spring Boot's {@code spring.kafka.*} (the Kafka
 * bootstrap listener points them at the cluster in use) and is not a bean: the application's own
 * {@code KafkaTemplate}, if any, stays Spring Boot's. {@code orderflow.kafka.changes.enabled=false}
 * switches the feed off.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaBridgeProperties.class, OrderChangesProperties.class})
@ConditionalOnProperty(name = OrderChangesProperties.PREFIX + ".enabled", havingValue = "true", matchIfMissing = true)
// Imported, not nested @Configuration classes: component scanning would find nested ones on its own, without
// the enabled condition above.
@Import({OrderChangesConfiguration.SharedProcessor.class, OrderChangesConfiguration.OwnProcessor.class})
public class OrderChangesConfiguration {

    private static final String CLIENT_ID = "orderflow-order-changes";
    private static final String PROCESSOR = OrderChangesProperties.PREFIX + ".processor";
    private static final String PUBLISHER_ENABLED = "axon.kafka.publisher.enabled";

    private static final Logger log = LoggerFactory.getLogger(OrderChangesConfiguration.class);

    /** The feed inside the event publisher's processor, writing with the publisher's producer. */
    @Conditional(SharedProcessorCondition.class)
    static class SharedProcessor {

        /**
         * The feed's event handler, sending through the publisher's (shared, idempotent, {@code acks=all})
         * producer.
         *
         * @param eventStore               the event store (earlier events of an order)
         * @param axonKafkaProducerFactory the event publisher's producer factory ({@code WAIT_FOR_ACK}): one
         *                                 shared producer
         * @param bridge                   the backbone's settings (topic name, publisher's delivery timeout)
         * @param changes                  the feed's settings
         * @return the publisher
         */
        @Bean
        OrderChangePublisher orderChangePublisher(EventStore eventStore,
                ProducerFactory<String, byte[]> axonKafkaProducerFactory, KafkaBridgeProperties bridge,
                OrderChangesProperties changes) {
            warnIfAckTimeoutIsShort(changes.ackTimeout(), bridge.publisher().deliveryTimeout(),
                    "orderflow.kafka.publisher.delivery-timeout");
            return new OrderChangePublisher(eventStore,
                    record -> axonKafkaProducerFactory.createProducer().send(record),
                    bridge.topics().orderChanges(), changes.ackTimeout(), changes.ackWait(), changes.stateCacheSize());
        }

        /**
         * Assigns the feed's processing group to the publisher's processor; its handler errors are rethrown
         * (the processor's own error handler is the publisher's, which rethrows too).
         *
         * @param eventProcessing the Axon event processing configuration
         */
        @Autowired
        void runTheFeedInThePublishingProcessor(EventProcessingConfigurer eventProcessing) {
            eventProcessing
                    .assignProcessingGroup(OrderChangePublisher.PROCESSING_GROUP,
                            KafkaPublishingConfiguration.PUBLISHING_PROCESSOR)
                    // Rethrow: the processor rolls the batch back, keeps its token and retries with back-off.
                    .registerListenerInvocationErrorHandler(
                            OrderChangePublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        }
    }

    /** The feed in its own processor, token and producer. */
    @Conditional(OwnProcessorCondition.class)
    static class OwnProcessor {

        /**
         * The feed's producer: idempotent, {@code acks=all}, closed with the context (after the processor
         * has stopped).
         *
         * @param kafka      Spring Boot's Kafka client settings
         * @param connection the connection details Spring Boot derived from them, if any
         * @param sslBundles SSL bundles, if any
         * @param changes    the feed's settings
         * @return the producer
         */
        @Bean
        OrderChangeProducer orderChangeProducer(KafkaProperties kafka,
                ObjectProvider<KafkaConnectionDetails> connection, ObjectProvider<SslBundles> sslBundles,
                OrderChangesProperties changes) {
            Map<String, Object> configuration =
                    producerConfiguration(kafka.buildProducerProperties(sslBundles.getIfAvailable()), changes);
            KafkaConnectionDetails details = connection.getIfAvailable();
            if (details != null) {
                configuration.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        details.getProducer().getBootstrapServers());
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
        OrderChangePublisher orderChangePublisher(EventStore eventStore, OrderChangeProducer producer,
                KafkaBridgeProperties bridge, OrderChangesProperties changes) {
            return new OrderChangePublisher(eventStore, producer.operations()::send, bridge.topics().orderChanges(),
                    changes.ackTimeout(), changes.ackWait(), changes.stateCacheSize());
        }

        /**
         * Registers the feed's own tracking processor.
         *
         * @param eventProcessing the Axon event processing configuration
         * @param changes         the feed's settings
         */
        @Autowired
        void registerOrderChangesProcessor(EventProcessingConfigurer eventProcessing, OrderChangesProperties changes) {
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
    }

    /** {@code processor=shared} (the default) while the event publisher runs. */
    static final class SharedProcessorCondition extends AllNestedConditions {

        SharedProcessorCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = PROCESSOR, havingValue = "shared", matchIfMissing = true)
        static class Shared {
        }

        @ConditionalOnProperty(name = PUBLISHER_ENABLED, havingValue = "true", matchIfMissing = true)
        static class PublisherRuns {
        }
    }

    /** {@code processor=own}, or no event publisher to share a processor with. */
    static final class OwnProcessorCondition extends AnyNestedCondition {

        OwnProcessorCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = PROCESSOR, havingValue = "own")
        static class Own {
        }

        @ConditionalOnProperty(name = PUBLISHER_ENABLED, havingValue = "false")
        static class NoPublisher {
        }
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
        warnIfAckTimeoutIsShort(changes.ackTimeout(), deliveryTimeout, OrderChangesProperties.PREFIX + ".delivery-timeout");
        return configuration;
    }

    private static void warnIfAckTimeoutIsShort(Duration ackTimeout, Duration deliveryTimeout, String deliveryTimeoutName) {
        if (ackTimeout.compareTo(deliveryTimeout) <= 0) {
            log.warn("{}.ack-timeout ({}) should exceed {} ({}): the feed may give up on a change the producer still "
                    + "delivers", OrderChangesProperties.PREFIX, ackTimeout, deliveryTimeoutName, deliveryTimeout);
        }
    }

    private static void enforce(Map<String, Object> configuration, String key, String value) {
        Object configured = configuration.put(key, value);
        if (configured != null && !value.equals(configured.toString())) {
            log.warn("Ignoring producer setting {}={} for the order-change feed: it needs {}={}",
                    key, configured, key, value);
        }
    }
}
