package io.orderflow.app.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CappedExponentialBackOffTest {

    private final CappedExponentialBackOff<Object> backOff =
            new CappedExponentialBackOff<>(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesTheDelayAfterEachFailure() {
        assertThat(backOff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(backOff.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backOff.delayAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backOff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    }
}
