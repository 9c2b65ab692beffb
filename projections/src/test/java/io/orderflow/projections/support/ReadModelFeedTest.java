package io.orderflow.projections.support;

import static io.orderflow.projections.support.ReadModelFeed.AXON;
import static io.orderflow.projections.support.ReadModelFeed.KAFKA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ReadModelFeedTest {

    @Test
    void kafkaAloneFeedsTheReadModelsByDefault() {
        assertThat(ReadModelFeed.active(new MockEnvironment())).containsExactly(KAFKA);
    }

    @Test
    void feedPropertyChoosesExactlyOneFeed() {
        assertThat(active("orderflow.projections.feed", "axon")).containsExactly(AXON);
        assertThat(active("orderflow.projections.feed", "KAFKA")).containsExactly(KAFKA);
    }

    @Test
    void olderAxonSwitchAloneStillMeansTheAxonFeedInsteadOfKafka() {
        assertThat(active("orderflow.projections.axon-feed.enabled", "true")).containsExactly(AXON);
        assertThat(active("orderflow.projections.axon-feed.enabled", "false")).containsExactly(KAFKA);
    }

    @Test
    void switchingKafkaOffAloneFallsBackToAxon() {
        assertThat(active("orderflow.projections.kafka-feed.enabled", "false")).containsExactly(AXON);
    }

    @Test
    void explicitSwitchWinsOverTheFeedPropertyForItsOwnFeed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("orderflow.projections.feed", "kafka")
                .withProperty("orderflow.projections.axon-feed.enabled", "true");

        assertThat(ReadModelFeed.active(environment)).containsExactlyInAnyOrder(AXON, KAFKA);
        assertThat(AXON.isActive(environment)).isTrue();
    }

    @Test
    void bothSwitchesOffLeaveNoFeed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("orderflow.projections.axon-feed.enabled", "false")
                .withProperty("orderflow.projections.kafka-feed.enabled", "false");

        assertThat(ReadModelFeed.active(environment)).isEmpty();
    }

    @Test
    void rejectsAnUnknownFeed() {
        assertThatThrownBy(() -> active("orderflow.projections.feed", "rabbit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderflow.projections.feed");
    }

    private static Set<ReadModelFeed> active(String property, String value) {
        return ReadModelFeed.active(new MockEnvironment().withProperty(property, value));
    }
}
