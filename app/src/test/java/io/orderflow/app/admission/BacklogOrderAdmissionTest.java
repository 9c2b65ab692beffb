package io.orderflow.app.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.ui.api.order.OrderAdmission.Refusal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BacklogOrderAdmissionTest {

    private static final String SAGA = "OrderFulfilmentSagaProcessor";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong sagaLagMillis = new AtomicLong();
    private final AtomicLong queuedCommands = new AtomicLong();
    private final AtomicBoolean caughtUp = new AtomicBoolean(false);
    private final BacklogOrderAdmission admission = new BacklogOrderAdmission(
            new AdmissionProperties(true, Duration.ofSeconds(1), 500, Duration.ofSeconds(2)), registry, SAGA,
            caughtUp::get);

    @Test
    void admitsWhileTheSagaAndTheCommandBusKeepUp() {
        registerGauges();
        sagaLagMillis.set(1000);
        queuedCommands.set(500);

        assertThat(admission.refusal()).isEmpty();
    }

    @Test
    void refusesWhileTheSagaProcessorIsBehind() {
        registerGauges();
        sagaLagMillis.set(3200);

        assertThat(admission.refusal()).contains(new Refusal("the order saga runs 3.2 s behind", Duration.ofSeconds(2)));
        assertThat(registry.counter("orderflow.api.orders.refused").count()).isEqualTo(1);
    }

    @Test
    void admitsAgainOnceTheSagaProcessorHasCaughtUpThoughItsGaugeKeepsTheLastLag() {
        registerGauges();
        sagaLagMillis.set(3200);
        caughtUp.set(true);

        assertThat(admission.refusal()).isEmpty();
    }

    @Test
    void refusesWhileTooManyCommandsWait() {
        registerGauges();
        queuedCommands.set(501);

        assertThat(admission.refusal()).map(Refusal::reason).contains("501 commands are waiting");
    }

    @Test
    void readsThePoolQueueWhenTheBusDoesNotBatch() {
        Gauge.builder("executor.queued", queuedCommands, AtomicLong::get).tag("name", "commandBus").register(registry);
        queuedCommands.set(900);

        assertThat(admission.refusal()).isPresent();
    }

    @Test
    void admitsWhenThereAreNoGaugesToJudgeBy() {
        assertThat(admission.refusal()).isEmpty();
    }

    @Test
    void findsGaugesRegisteredAfterItWasCreated() {
        assertThat(admission.refusal()).isEmpty();

        registerGauges();
        sagaLagMillis.set(5000);

        assertThat(admission.refusal()).isPresent();
    }

    private void registerGauges() {
        Gauge.builder("eventProcessor.latency", sagaLagMillis, AtomicLong::get).tag("processorName", SAGA)
             .register(registry);
        Gauge.builder("eventProcessor.latency", () -> 60_000).tag("processorName", "someOtherProcessor")
             .register(registry);
        Gauge.builder("orderflow.command.batch.queued", queuedCommands, AtomicLong::get).register(registry);
    }
}
