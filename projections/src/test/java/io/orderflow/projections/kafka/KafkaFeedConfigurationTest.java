package io.orderflow.projections.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

class KafkaFeedConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(KafkaFeedConfiguration.class);

    @Test
    void startsNoConsumersWhenTheAxonFeedIsChosen() {
        context.withPropertyValues("orderflow.projections.feed=axon").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(ConcurrentMessageListenerContainer.class);
            assertThat(ctx).doesNotHaveBean(DeadLetterReplay.class);
        });
    }

    @Test
    void startsNoConsumersWhenTheKafkaFeedIsSwitchedOff() {
        context.withPropertyValues("orderflow.projections.kafka-feed.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ConcurrentMessageListenerContainer.class));
    }

    @Test
    void theReadModelsConsumersWaitForAFullerPollWhileKafkasDefaultsRestoreTheOldOnes() {
        assertThat(KafkaFeedConfiguration.pollSize(bind(Map.of())))
                .containsEntry("fetch.min.bytes", "32768")
                .containsEntry("fetch.max.wait.ms", "200")
                .containsEntry("max.poll.records", "500")
                .hasSize(3);
        assertThat(KafkaFeedConfiguration.pollSize(bind(Map.of(
                        "orderflow.projections.kafka-feed.fetch-min-bytes", "1B",
                        "orderflow.projections.kafka-feed.fetch-max-wait", "500ms"))))
                .containsEntry("fetch.min.bytes", "1")
                .containsEntry("fetch.max.wait.ms", "500");
    }

    private static KafkaFeedProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate(KafkaFeedProperties.PREFIX, KafkaFeedProperties.class);
    }
}
