package io.orderflow.projections.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.orderflow.projections.inventory.ProductStockUpdater;
import io.orderflow.projections.order.OrderViewUpdater;
import io.orderflow.projections.support.ConditionalOnReadModelFeed;
import io.orderflow.projections.support.ReadModelFeed;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the read models from the event topic ({@code orderflow.kafka.topics.events}, default
 * {@code orderflow.events}), one spring-kafka consumer group per read model, so that several instances
 * split the topic's partitions between them:
 *
 * <table>
 *   <caption>Consumer groups</caption>
 *   <tr><th>bean</th><th>read model</th><th>group (default)</th><th>dead-letter topic</th></tr>
 *   <tr><td>{@code orderViewKafkaFeed}</td><td>{@link OrderViewUpdater}</td>
 *       <td>{@code orderflow.projections.order-view}</td><td>{@code orderflow.events.orderflow.projections.order-view.DLT}</td></tr>
 *   <tr><td>{@code productStockKafkaFeed}</td><td>{@link ProductStockUpdater}</td>
 *       <td>{@code orderflow.projections.product-stock}</td><td>{@code orderflow.events.orderflow.projections.product-stock.DLT}</td></tr>
 * </table>
 *
 * <ul>
 *   <li><b>Commit after processing</b>: a batch listener, ack mode {@code BATCH}, no auto-commit; the
 *       listener applies a poll's records in one database transaction and returns after it has
 *       committed, and only then are the offsets committed (see {@link ReadModelListener} for the
 *       per-record fallback that keeps retries and dead letters per record). A crash in between redelivers the record, and the processed-event ledger (same
 *       transaction as the update) makes the redelivery a no-op.</li>
 *   <li><b>Ordering</b>: the events of one order share a key, hence a partition, which one consumer
 *       thread handles in order; a failed record is retried before the records behind it.</li>
 *   <li><b>Dead letters</b>: see {@link ReadModelErrorHandling}; replay with {@link DeadLetterReplay}.</li>
 *   <li><b>Isolation</b>: {@code read_committed}, so records of aborted producer transactions are never applied.</li>
 *   <li><b>Poll size</b>: the listener containers' consumers wait for {@code fetch-min-bytes} or
 *       {@code fetch-max-wait} ({@link KafkaFeedProperties}), so a poll, hence a database transaction
 *       and an offset commit, holds several events under load. Only these consumers: the dead-letter
 *       reader keeps Kafka's defaults and answers at once.</li>
 * </ul>
 *
 * <p>Kafka connection settings (bootstrap servers, security) come from Spring Boot's
 * {@code spring.kafka.*} configuration; the feed's own settings from {@link KafkaFeedProperties}.
 * Active while the Kafka feed is chosen (the default, see {@link ReadModelFeed}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaFeedProperties.class)
@ConditionalOnReadModelFeed(ReadModelFeed.KAFKA)
public class KafkaFeedConfiguration {

    /** Counter of records a read model's consumer group sent to its dead-letter topic, tagged with the group. */
    public static final String DEAD_LETTERS_METER = "orderflow.projections.dead.letters";

    /** The event topic as the Kafka backbone configures it. */
    @Bean
    EventsTopic projectionsEventsTopic(Environment environment) {
        return EventsTopic.from(environment);
    }

    /** The feed's own consumer and producer, with Micrometer metrics when the application has a registry. */
    @Bean
    ProjectionsKafkaClients projectionsKafkaClients(KafkaProperties kafkaProperties,
            ObjectProvider<KafkaConnectionDetails> connectionDetails, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<MeterRegistry> meterRegistry, KafkaFeedProperties properties) {
        Map<String, Object> consumer = kafkaProperties.buildConsumerProperties(sslBundles.getIfAvailable());
        Map<String, Object> producer = kafkaProperties.buildProducerProperties(sslBundles.getIfAvailable());
        KafkaConnectionDetails connection = connectionDetails.getIfAvailable();
        if (connection != null) {
            consumer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
            producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getProducer().getBootstrapServers());
        }
        return new ProjectionsKafkaClients(consumer, producer, properties.autoOffsetReset(), meterRegistry.getIfUnique());
    }

    /** Reads events from records with the event serializer and the application's upcasters. */
    @Bean
    KafkaEventReader projectionsKafkaEventReader(@Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<org.axonframework.config.Configuration> axonConfiguration) {
        return new KafkaEventReader(eventSerializer, () -> axonConfiguration.getObject().upcasterChain());
    }

    /** The order view's dead-letter topic, created at start-up with as many partitions as the event topic. */
    @Bean
    NewTopic orderViewDeadLetterTopic(EventsTopic topic, KafkaFeedProperties properties) {
        return deadLetterTopic(topic, properties.orderViewGroupId(), properties);
    }

    /** The product stock view's dead-letter topic, created at start-up with as many partitions as the event topic. */
    @Bean
    NewTopic productStockDeadLetterTopic(EventsTopic topic, KafkaFeedProperties properties) {
        return deadLetterTopic(topic, properties.productStockGroupId(), properties);
    }

    /** The order view's consumer group. */
    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> orderViewKafkaFeed(OrderViewUpdater updater, EventsTopic topic,
            KafkaFeedProperties properties, ProjectionsKafkaClients clients, KafkaEventReader reader,
            PlatformTransactionManager transactionManager, ObjectProvider<ProjectionTransactionHook> hooks,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return container(new KafkaReadModel(OrderViewUpdater.PROCESSOR, properties.orderViewGroupId(), updater::begin),
                topic, properties, clients, reader, transactionManager, hooks, meterRegistry);
    }

    /** The product stock view's consumer group. */
    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> productStockKafkaFeed(ProductStockUpdater updater, EventsTopic topic,
            KafkaFeedProperties properties, ProjectionsKafkaClients clients, KafkaEventReader reader,
            PlatformTransactionManager transactionManager, ObjectProvider<ProjectionTransactionHook> hooks,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return container(new KafkaReadModel(ProductStockUpdater.PROCESSOR, properties.productStockGroupId(), updater::begin),
                topic, properties, clients, reader, transactionManager, hooks, meterRegistry);
    }

    /** Lists and replays the dead letters of both consumer groups. */
    @Bean
    DeadLetterReplay deadLetterReplay(EventsTopic topic, KafkaFeedProperties properties, ProjectionsKafkaClients clients,
            ReplayedDeadLetters replayedDeadLetters, PlatformTransactionManager transactionManager) {
        return new DeadLetterReplay(topic, List.of(properties.orderViewGroupId(), properties.productStockGroupId()),
                new DeadLetterTopicReader(clients.consumerFactory(), properties.deadLetters().readTimeout()),
                clients.template(), replayedDeadLetters, new TransactionTemplate(transactionManager),
                properties.deadLetters().sendTimeout(), Clock.systemUTC());
    }

    private static ConcurrentMessageListenerContainer<String, byte[]> container(KafkaReadModel readModel, EventsTopic topic,
            KafkaFeedProperties properties, ProjectionsKafkaClients clients, KafkaEventReader reader,
            PlatformTransactionManager transactionManager, ObjectProvider<ProjectionTransactionHook> hooks,
            ObjectProvider<MeterRegistry> meterRegistry) {
        ContainerProperties containerProperties = new ContainerProperties(topic.name());
        containerProperties.setGroupId(readModel.groupId());
        containerProperties.setClientId("orderflow-projections-" + readModel.name());
        containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProperties.setSyncCommits(true);
        containerProperties.setMicrometerEnabled(true);
        containerProperties.setMicrometerTags(Map.of("read.model", readModel.name()));
        containerProperties.setKafkaConsumerProperties(pollSize(properties));
        containerProperties.setMessageListener(new ReadModelListener(readModel, reader,
                new TransactionTemplate(transactionManager), hooks.orderedStream().toList()));

        Counter deadLetters = Counter.builder(DEAD_LETTERS_METER)
                .description("Records a read model's consumer group sent to its dead-letter topic")
                .tag("group", readModel.groupId())
                .register(meterRegistry.getIfUnique(() -> Metrics.globalRegistry));
        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(clients.consumerFactory(), containerProperties);
        container.setConcurrency(properties.concurrency());
        container.setCommonErrorHandler(ReadModelErrorHandling.errorHandler(
                ReadModelErrorHandling.deadLetterRecoverer(clients.template(), topic.deadLetterTopic(readModel.groupId()),
                        properties.deadLetters().sendTimeout(), deadLetters),
                properties.retry()));
        return container;
    }

    /** The consumer settings that decide how many records a poll holds, for the listener containers only. */
    static Properties pollSize(KafkaFeedProperties properties) {
        Properties consumer = new Properties();
        consumer.setProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Long.toString(properties.fetchMinBytes().toBytes()));
        consumer.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(properties.fetchMaxWait().toMillis()));
        consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(properties.maxPollRecords()));
        return consumer;
    }

    private static NewTopic deadLetterTopic(EventsTopic topic, String groupId, KafkaFeedProperties properties) {
        return TopicBuilder.name(topic.deadLetterTopic(groupId))
                .partitions(topic.partitions())
                .replicas(topic.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.deadLetters().retention().toMillis()))
                .build();
    }
}
