package io.orderflow.projections;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.ConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProjectionsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ProjectionsConfiguration.class);

    @Test
    void registersNoAxonProcessorsByDefaultBecauseKafkaFeedsTheReadModels() {
        context.run(ctx -> assertThat(ctx).doesNotHaveBean(ConfigurerModule.class));
    }

    @Test
    void feedsTheReadModelsFromAxonWithModestBatchesWhenTheAxonFeedIsChosen() {
        context.withPropertyValues("orderflow.projections.feed=axon").run(ctx -> {
            assertThat(ctx).hasSingleBean(ConfigurerModule.class);
            assertThat(ctx.getBean(ProjectionsFeedProperties.class)).isEqualTo(new ProjectionsFeedProperties(null, 50, 4));
        });
    }

    @Test
    void theOlderAxonFeedSwitchStillSelectsTheAxonFeed() {
        context.withPropertyValues("orderflow.projections.axon-feed.enabled=true")
                .run(ctx -> assertThat(ctx).hasSingleBean(ConfigurerModule.class));
    }

    @Test
    void bindsBatchSizeAndSegmentsFromProperties() {
        context.withPropertyValues(
                        "orderflow.projections.feed=axon",
                        "orderflow.projections.axon-feed.batch-size=20",
                        "orderflow.projections.axon-feed.initial-segment-count=8")
                .run(ctx -> assertThat(ctx.getBean(ProjectionsFeedProperties.class))
                        .isEqualTo(new ProjectionsFeedProperties(null, 20, 8)));
    }

    @Test
    void registersNoAxonProcessorsWhenTheAxonFeedIsSwitchedOff() {
        context.withPropertyValues("orderflow.projections.feed=axon", "orderflow.projections.axon-feed.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ConfigurerModule.class));
    }

    @Test
    void refusesABatchSizeBelowOne() {
        context.withPropertyValues("orderflow.projections.feed=axon", "orderflow.projections.axon-feed.batch-size=0")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
