package io.orderflow.write.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulationSettingsTest {

    private final AdapterSettings reliable = AdapterSettings.reliable();

    @Test
    void defaultsToNoFaultsNoLatencyTwoSecondTimeoutAndSeed42() {
        assertThat(reliable).isEqualTo(new AdapterSettings(0, 0, 0, 0, 2000, 42));
        assertThat(SimulationSettings.reliable()).isEqualTo(new SimulationSettings(reliable, reliable));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsRatesOutsideZeroToOne(double rate) {
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withRejectionRate(rate))
                .withMessageContaining("rejectionRate must be between 0 and 1");
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withTechnicalFailureRate(rate))
                .withMessageContaining("technicalFailureRate must be between 0 and 1");
    }

    @Test
    void acceptsTheBoundaryRates() {
        assertThat(reliable.withRejectionRate(1).withTechnicalFailureRate(1).rejectionRate()).isEqualTo(1.0);
        assertThat(reliable.withRejectionRate(0).technicalFailureRate()).isZero();
    }

    @Test
    void rejectsMinimumLatencyAboveMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withLatency(200, 100))
                .withMessageContaining("must not exceed latencyMaxMillis");
    }

    @Test
    void rejectsNegativeOrExcessiveLatency() {
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withLatency(-1, 100));
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withLatency(0, AdapterSettings.MAX_MILLIS + 1));
    }

    @Test
    void rejectsTimeoutOutsideOneMillisecondToTenMinutes() {
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withTimeout(0));
        assertThatIllegalArgumentException().isThrownBy(() -> reliable.withTimeout(AdapterSettings.MAX_MILLIS + 1));
    }

    @Test
    void requiresSettingsForBothAdapters() {
        assertThatNullPointerException().isThrownBy(() -> new SimulationSettings(null, reliable));
        assertThatNullPointerException().isThrownBy(() -> SimulationSettings.reliable().withShipping(null));
    }

    @Test
    void copiesChangeOnlyTheNamedValue() {
        AdapterSettings changed = reliable.withLatency(5, 10).withTimeout(50).withSeed(7);

        assertThat(changed).isEqualTo(new AdapterSettings(0, 0, 5, 10, 50, 7));
        assertThat(SimulationSettings.reliable().withPayment(changed).shipping()).isEqualTo(reliable);
    }
}
