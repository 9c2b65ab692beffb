package io.orderflow.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code orderflow.saga.*} properties: documented defaults, binding and the back-off rule. */
class SagaTimeoutsTest {

    @Test
    void bindsTheDefaultsOfTheArchitectureDocumentWhenNothingIsConfigured() {
        SagaTimeouts bound = bind(Map.of());

        assertThat(bound).isEqualTo(SagaTimeouts.defaults());
        assertThat(bound.stockTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound.paymentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.shipmentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.completionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.compensationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.maxAttempts()).isEqualTo(5);
        assertThat(bound.compensationBackoffMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(bound.deadlinePerStage()).as("one deadline per saga").isFalse();
    }

    @Test
    void bindsKebabCasePropertiesUnderOrderflowSaga() {
        SagaTimeouts bound = bind(Map.of(
                "orderflow.saga.stock-timeout", "2s",
                "orderflow.saga.payment-timeout", "1m",
                "orderflow.saga.max-attempts", "3",
                "orderflow.saga.compensation-backoff-max", "90s",
                "orderflow.saga.deadline-per-stage", "true"));

        assertThat(bound.stockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(bound.paymentTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(bound.shipmentTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound.maxAttempts()).isEqualTo(3);
        assertThat(bound.compensationBackoffMax()).isEqualTo(Duration.ofSeconds(90));
        assertThat(bound.deadlinePerStage()).isTrue();
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SagaTimeouts(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), 5, Duration.ofMinutes(5), false))
                .withMessageContaining("stockTimeout");
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SagaTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), 0,
                        Duration.ofMinutes(5), false))
                .withMessageContaining("maxAttempts");
    }

    @Test
    void doublesTheBackoffButNeverBeyondTheMaximum() {
        SagaTimeouts timeouts = SagaTimeouts.defaults();

        assertThat(timeouts.nextBackoff(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(60));
        assertThat(timeouts.nextBackoff(Duration.ofSeconds(240))).isEqualTo(Duration.ofMinutes(5));
        assertThat(timeouts.nextBackoff(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }

    private static SagaTimeouts bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("orderflow.saga", SagaTimeouts.class);
    }
}
