package io.orderflow.projections.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
