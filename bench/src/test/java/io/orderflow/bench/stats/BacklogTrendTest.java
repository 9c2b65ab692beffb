package io.orderflow.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BacklogTrendTest {

    @Test
    void callsAFlatButNoisyBacklogStable() {
        Random random = new Random(1);
        List<BacklogSample> samples = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
            samples.add(new BacklogSample(10 + second, 20 + random.nextInt(11) - 5));
        }

        BacklogTrend trend = BacklogTrend.fit(samples, 1.0);

        assertThat(trend.growing()).isFalse();
        assertThat(trend.slopePerSecond()).isBetween(-0.3, 0.3);
        assertThat(trend.mean()).isBetween(18.0, 22.0);
        assertThat(trend.samples()).isEqualTo(60);
    }

    @Test
    void callsABacklogThatGrowsByTheExcessLoadGrowing() {
        List<BacklogSample> samples = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
            // 300 offered, 250 served: 50 more in flight every second
            samples.add(new BacklogSample(second, 100 + 50L * second));
        }

        BacklogTrend trend = BacklogTrend.fit(samples, 1.0);

        assertThat(trend.growing()).isTrue();
        assertThat(trend.slopePerSecond()).isCloseTo(50.0, within(1e-9));
        assertThat(trend.first()).isEqualTo(100);
        assertThat(trend.last()).isEqualTo(3050);
        assertThat(trend.max()).isEqualTo(3050);
    }

    @Test
    void callsADrainingBacklogStable() {
        List<BacklogSample> samples = List.of(
                new BacklogSample(0, 500), new BacklogSample(1, 400), new BacklogSample(2, 300), new BacklogSample(3, 200));

        BacklogTrend trend = BacklogTrend.fit(samples, 1.0);

        assertThat(trend.slopePerSecond()).isCloseTo(-100.0, within(1e-9));
        assertThat(trend.growing()).isFalse();
    }

    @Test
    void doesNotCallAFewOrdersOfWobbleInAShortWindowGrowing() {
        List<BacklogSample> samples = List.of(
                new BacklogSample(1, 1), new BacklogSample(2, 3), new BacklogSample(3, 3), new BacklogSample(4, 5));

        BacklogTrend trend = BacklogTrend.fit(samples, 1.0);

        assertThat(trend.slopePerSecond()).isGreaterThan(1.0);
        assertThat(trend.growing()).isFalse();
    }

    @Test
    void drawsNoConclusionFromTooFewSamples() {
        assertThat(BacklogTrend.fit(List.of(), 1.0).growing()).isFalse();
        assertThat(BacklogTrend.fit(List.of(new BacklogSample(0, 1), new BacklogSample(1, 100)), 1.0).growing())
                .isFalse();
    }
}
