package io.orderflow.write.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.write.payment.PaymentGateway;
import io.orderflow.write.shipping.Carrier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SimulationConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SimulationConfiguration.class, SimulatedPaymentGateway.class, SimulatedCarrier.class);

    @Test
    void startsReliableByDefaultAndProvidesBothPorts() {
        context.run(ctx -> {
            assertThat(ctx.getBean(SimulationControl.class).current()).isEqualTo(SimulationSettings.reliable());
            assertThat(ctx.getBean(PaymentGateway.class)).isInstanceOf(SimulatedPaymentGateway.class);
            assertThat(ctx.getBean(Carrier.class)).isInstanceOf(SimulatedCarrier.class);
        });
    }

    @Test
    void takesInitialSettingsFromProperties() {
        context.withPropertyValues(
                "orderflow.simulation.payment.rejection-rate=0.25",
                "orderflow.simulation.payment.latency-min=10ms",
                "orderflow.simulation.payment.latency-max=1s",
                "orderflow.simulation.payment.timeout=3s",
                "orderflow.simulation.payment.seed=7",
                "orderflow.simulation.shipping.technical-failure-rate=1").run(ctx ->
                assertThat(ctx.getBean(SimulationControl.class).current()).isEqualTo(new SimulationSettings(
                        new AdapterSettings(0.25, 0, 10, 1000, 3000, 7),
                        new AdapterSettings(0, 1, 0, 0, 2000, 42))));
    }

    @Test
    void refusesToStartWithInvalidSettings() {
        context.withPropertyValues("orderflow.simulation.shipping.rejection-rate=1.5").run(ctx ->
                assertThat(ctx).hasFailed().getFailure()
                        .hasRootCauseMessage("rejectionRate must be between 0 and 1, got 1.5"));
    }
}
