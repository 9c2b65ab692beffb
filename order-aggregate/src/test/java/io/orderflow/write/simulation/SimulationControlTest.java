package io.orderflow.write.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulationControlTest {

    private final SimulationSettings noisy = new SimulationSettings(
            new AdapterSettings(0.3, 0.2, 0, 100, 2000, 7), new AdapterSettings(0.5, 0.1, 10, 20, 2000, 8));

    private static List<Long> paymentTokens(SimulationControl control, int count) {
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(control.nextPaymentDraw().token());
        }
        return tokens;
    }

    @Test
    void startsWithTheInitialSettingsAndReplacesThemOnUpdate() {
        SimulationControl control = new SimulationControl(SimulationSettings.reliable());
        assertThat(control.current()).isEqualTo(SimulationSettings.reliable());

        SimulationSettings applied = control.update(noisy);

        assertThat(applied).isEqualTo(noisy);
        assertThat(control.current()).isEqualTo(noisy);
        assertThat(control.nextShippingDraw().settings()).isEqualTo(noisy.shipping());
    }

    @Test
    void drawsTheSameSequenceForTheSameSettings() {
        assertThat(paymentTokens(new SimulationControl(noisy), 50))
                .isEqualTo(paymentTokens(new SimulationControl(noisy), 50));
    }

    @Test
    void drawsADifferentSequenceForAnotherSeed() {
        SimulationSettings reseeded = noisy.withPayment(noisy.payment().withSeed(8));

        assertThat(paymentTokens(new SimulationControl(noisy), 50))
                .isNotEqualTo(paymentTokens(new SimulationControl(reseeded), 50));
    }

    @Test
    void restartsTheSequenceOnEveryUpdate() {
        SimulationControl control = new SimulationControl(noisy);
        List<Long> first = paymentTokens(control, 20);

        control.update(noisy);

        assertThat(paymentTokens(control, 20)).isEqualTo(first);
    }

    @Test
    void drawsLatenciesWithinTheConfiguredRange() {
        SimulationControl control = new SimulationControl(noisy);

        for (int i = 0; i < 200; i++) {
            assertThat(control.nextShippingDraw().latencyMillis()).isBetween(10L, 20L);
        }
    }

    @Test
    void handsOutEveryDrawExactlyOnceUnderConcurrency() throws Exception {
        int threads = 4;
        int drawsPerThread = 2_000;
        List<Long> expected = paymentTokens(new SimulationControl(noisy), threads * drawsPerThread);
        SimulationControl shared = new SimulationControl(noisy);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> paymentTokens(shared, drawsPerThread));
            }
            List<Long> drawn = new ArrayList<>();
            for (Future<List<Long>> result : pool.invokeAll(tasks)) {
                drawn.addAll(result.get());
            }

            assertThat(drawn).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
