package io.orderflow.projections.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

class KafkaFeedPropertiesTest {

    @Test
    void defaultsToThreeConsumersPerReadModelThreeRetriesAndAGroupPerReadModel() {
        KafkaFeedProperties properties = bind(Map.of());

        assertThat(properties.enabled()).isNull();
        assertThat(properties.concurrency()).isEqualTo(3);
        assertThat(properties.orderViewGroupId()).isEqualTo("orderflow.projections.order-view");
        assertThat(properties.productStockGroupId()).isEqualTo("orderflow.projections.product-stock");
        assertThat(properties.autoOffsetReset()).isEqualTo("earliest");
        assertThat(properties.fetchMinBytes()).isEqualTo(DataSize.ofKilobytes(32));
        assertThat(properties.fetchMaxWait()).isEqualTo(Duration.ofMillis(200));
        assertThat(properties.maxPollRecords()).isEqualTo(500);
        assertThat(properties.retry()).isEqualTo(new KafkaFeedProperties.Retry(3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5)));
        assertThat(properties.deadLetters()).isEqualTo(
                new KafkaFeedProperties.DeadLetters(Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @Test
    void bindsGroupsConcurrencyAndRetries() {
        KafkaFeedProperties properties = bind(Map.of(
                "orderflow.projections.kafka-feed.concurrency", "6",
                "orderflow.projections.kafka-feed.order-view-group-id", "reporting.order-view",
                "orderflow.projections.kafka-feed.retry.max-retries", "5",
                "orderflow.projections.kafka-feed.retry.initial-interval", "1s"));

        assertThat(properties.concurrency()).isEqualTo(6);
        assertThat(properties.orderViewGroupId()).isEqualTo("reporting.order-view");
        assertThat(properties.retry().maxRetries()).isEqualTo(5);
        assertThat(properties.retry().initialInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void kafkasOwnDefaultsRestoreThePollsOfOneOrTwoRecords() {
        KafkaFeedProperties properties = bind(Map.of(
                "orderflow.projections.kafka-feed.fetch-min-bytes", "1B",
                "orderflow.projections.kafka-feed.fetch-max-wait", "500ms",
                "orderflow.projections.kafka-feed.max-poll-records", "100"));

        assertThat(properties.fetchMinBytes().toBytes()).isEqualTo(1);
        assertThat(properties.fetchMaxWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.maxPollRecords()).isEqualTo(100);
        assertThatThrownBy(() -> bind(Map.of("orderflow.projections.kafka-feed.fetch-min-bytes", "0B")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("fetch-min-bytes");
        assertThatThrownBy(() -> bind(Map.of("orderflow.projections.kafka-feed.fetch-max-wait", "1m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("fetch-max-wait");
        assertThatThrownBy(() -> bind(Map.of("orderflow.projections.kafka-feed.max-poll-records", "0")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void refusesOneGroupForBothReadModelsAndBackOffsLongerThanAPollInterval() {
        assertThatThrownBy(() -> bind(Map.of("orderflow.projections.kafka-feed.product-stock-group-id", "orderflow.projections.order-view")))
                .isInstanceOf(BindException.class)
                .hasRootCauseMessage("orderflow.projections.kafka-feed: each read model needs its own consumer group: "
                        + "orderflow.projections.order-view");
        assertThatThrownBy(() -> bind(Map.of("orderflow.projections.kafka-feed.retry.max-interval", "10m")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must not exceed one minute");
        assertThatThrownBy(() -> bind(Map.of("orderflow.projections.kafka-feed.concurrency", "0")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void deadLetterTopicsFollowTheEventTopicOfTheKafkaBackbone() {
        EventsTopic defaults = EventsTopic.from(new MockEnvironment());
        EventsTopic configured = EventsTopic.from(new MockEnvironment()
                .withProperty("orderflow.kafka.topics.events", "shop.events")
                .withProperty("orderflow.kafka.partitions", "12")
                .withProperty("orderflow.kafka.replication-factor", "3"));

        assertThat(defaults).isEqualTo(new EventsTopic("orderflow.events", 6, (short) 1));
        assertThat(defaults.deadLetterTopic("orderflow.projections.order-view"))
                .isEqualTo("orderflow.events.orderflow.projections.order-view.DLT");
        assertThat(configured).isEqualTo(new EventsTopic("shop.events", 12, (short) 3));
        assertThat(configured.deadLetterTopic("g")).isEqualTo("shop.events.g.DLT");
    }

    private static KafkaFeedProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(KafkaFeedProperties.PREFIX, KafkaFeedProperties.class);
    }
}
