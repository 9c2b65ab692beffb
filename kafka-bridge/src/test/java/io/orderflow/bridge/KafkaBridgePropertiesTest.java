package io.orderflow.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KafkaBridgePropertiesTest {

    @Test
    void defaultsToSixPartitionsOneReplicaSevenDaysAndABrokerUnderData() {
        KafkaBridgeProperties properties = bind(Map.of());

        assertThat(properties.bootstrapServers()).isNull();
        assertThat(properties.partitions()).isEqualTo(6);
        assertThat(properties.replicationFactor()).isEqualTo((short) 1);
        assertThat(properties.topics().events()).isEqualTo("orderflow.events");
        assertThat(properties.topics().eventsRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(properties.topics().orderChanges()).isEqualTo("orderflow.order-changes");
        assertThat(properties.embedded().enabled()).isTrue();
        assertThat(properties.embedded().logDir()).isEqualTo("./data/kafka");
        assertThat(properties.embedded().port()).isEqualTo(9092);
        assertThat(properties.publisher().ackTimeout()).isGreaterThan(properties.publisher().deliveryTimeout());
    }

    @Test
    void bindsTheOperatorsSettings() {
        KafkaBridgeProperties properties = bind(Map.of(
                "orderflow.kafka.partitions", "12",
                "orderflow.kafka.replication-factor", "3",
                "orderflow.kafka.topics.events-retention", "30d",
                "orderflow.kafka.embedded.port", "0",
                "orderflow.kafka.embedded.properties.log.retention.hours", "1",
                "orderflow.kafka.publisher.ack-timeout", "5s"));

        assertThat(properties.partitions()).isEqualTo(12);
        assertThat(properties.replicationFactor()).isEqualTo((short) 3);
        assertThat(properties.topics().eventsRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.embedded().port()).isZero();
        assertThat(properties.embedded().properties()).containsEntry("log.retention.hours", "1");
        assertThat(properties.publisher().ackTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesATopicWithoutPartitions() {
        assertThatThrownBy(() -> bind(Map.of("orderflow.kafka.partitions", "0")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("orderflow.kafka.partitions must be positive: 0");
    }

    private static KafkaBridgeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate(KafkaBridgeProperties.PREFIX, KafkaBridgeProperties.class);
    }
}
