package io.orderflow.write.simulation;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime switchboard of the simulated adapters, used by the admin endpoints: reads and replaces
 * the {@link SimulationSettings}. Thread-safe.
 *
 * <p>Every {@link #update(SimulationSettings)} re-seeds both adapters' random sequences from the new
 * settings, so from that moment on the sequence of outcomes depends on the settings alone: applying
 * the same settings again replays the same sequence.
 */
public class SimulationControl {

    private static final Logger log = LoggerFactory.getLogger(SimulationControl.class);

    private volatile State state;

    /**
     * @param initial the settings to start with
     */
    public SimulationControl(SimulationSettings initial) {
        this.state = new State(Objects.requireNonNull(initial, "initial"));
    }

    /** The settings in force. */
    public SimulationSettings current() {
        return state.settings;
    }

    /**
     * Replaces the settings and re-seeds the random sequences.
     *
     * @param next the new settings (validated when they were built)
     * @return the settings now in force
     */
    public synchronized SimulationSettings update(SimulationSettings next) {
        Objects.requireNonNull(next, "next");
        state = new State(next);
        log.info("Simulation settings changed to {}", next);
        return next;
    }

    /** Draws the outcome of the next payment-provider call. */
    Draw nextPaymentDraw() {
        State current = state;
        return current.payment.next(current.settings.payment());
    }

    /** Draws the outcome of the next carrier call. */
    Draw nextShippingDraw() {
        State current = state;
        return current.shipping.next(current.settings.shipping());
    }

    /** Settings and the random sequences seeded from them, replaced together. */
    private static final class State {

        private final SimulationSettings settings;
        private final Sequence payment;
        private final Sequence shipping;

        State(SimulationSettings settings) {
            this.settings = settings;
            this.payment = new Sequence(settings.payment().seed());
            this.shipping = new Sequence(settings.shipping().seed());
        }
    }

    /** One adapter's seeded random sequence; each call draws the same four numbers. */
    private static final class Sequence {

        private final SplittableRandom random;

        Sequence(long seed) {
            this.random = new SplittableRandom(seed);
        }

        synchronized Draw next(AdapterSettings settings) {
            boolean technicalFailure = random.nextDouble() < settings.technicalFailureRate();
            boolean rejected = random.nextDouble() < settings.rejectionRate();
            long spread = settings.latencyMaxMillis() - settings.latencyMinMillis();
            long latency = settings.latencyMinMillis() + random.nextLong(spread + 1);
            long token = random.nextLong();
            return new Draw(settings, technicalFailure, rejected, latency, token);
        }
    }

    /**
     * The outcome of one simulated call.
     *
     * @param settings         the settings it was drawn under
     * @param technicalFailure whether the call fails technically
     * @param rejected         whether a new request is refused (decline, refusal)
     * @param latencyMillis    how long the response takes
     * @param token            random bits for codes and references
     */
    record Draw(AdapterSettings settings, boolean technicalFailure, boolean rejected, long latencyMillis,
                long token) {

        /** Whether the response comes later than the caller waits. */
        boolean timesOut() {
            return latencyMillis > settings.timeoutMillis();
        }

        /**
         * Waits as long as the caller would, then fails if the response came too late.
         *
         * @param latency   how to wait
         * @param operation the call, for the message
         * @param failure   makes the adapter's technical exception from a message
         */
        void awaitResponse(Latency latency, String operation, Function<String, RuntimeException> failure) {
            long waited = Math.min(latencyMillis, settings.timeoutMillis());
            try {
                latency.pause(waited);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure.apply(operation + " interrupted");
            }
            if (timesOut()) {
                throw failure.apply(operation + " timed out after " + settings.timeoutMillis() + " ms");
            }
        }
    }
}
