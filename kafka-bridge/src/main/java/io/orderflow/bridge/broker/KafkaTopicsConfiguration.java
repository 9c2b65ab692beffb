package io.orderflow.bridge.broker;

import io.orderflow.bridge.KafkaBridgeProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The application's topics, created (or grown to the configured partition count) at start-up by
 * Spring Kafka's {@code KafkaAdmin}, before any event processor starts. The layout is described in
 * {@code kafka-bridge/README.md}.
 *
 * <p>{@code min.insync.replicas} is one less than the replication factor (at least one), so that
 * {@code acks=all} survives the loss of one replica and still refuses writes nobody else holds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaBridgeProperties.class)
public class KafkaTopicsConfiguration {

    /** Every domain event of every aggregate, keyed by order id (or aggregate id), time-retained. */
    @Bean
    public NewTopic orderflowEventsTopic(KafkaBridgeProperties properties) {
        return TopicBuilder.name(properties.topics().events())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(properties.topics().eventsRetention().toMillis()))
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas(properties))
                .build();
    }

    /** The latest state of every order, keyed by order id, compacted. */
    @Bean
    public NewTopic orderflowOrderChangesTopic(KafkaBridgeProperties properties) {
        return TopicBuilder.name(properties.topics().orderChanges())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .compact()
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSyncReplicas(properties))
                .build();
    }

    private static String minInSyncReplicas(KafkaBridgeProperties properties) {
        return Integer.toString(Math.max(1, properties.replicationFactor() - 1));
    }
}
