package io.orderflow.app.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's {@link AsynchronousCommandBus} with a shutdown that drains: it waits up to a configurable
 * time for running and queued commands to finish (their events are then stored before the database
 * pool closes), and interrupts whatever is still running after it, so that no command thread
 * outlives the application context. Axon's own shutdown waits a fixed 5 s and then leaves the
 * threads running against a closed context. A command that is cut off is not lost from the saga's
 * point of view: its step deadline is persisted and fires after the next start.
 */
class DrainingAsynchronousCommandBus extends AsynchronousCommandBus {

    private static final Logger LOG = LoggerFactory.getLogger(DrainingAsynchronousCommandBus.class);

    private final ExecutorService executor;
    private final Duration drainTimeout;

    DrainingAsynchronousCommandBus(Builder builder, ExecutorService executor, Duration drainTimeout) {
        super(builder.executor(executor));
        this.executor = executor;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void shutdown() {
        executor.shutdown();
        drain(executor, drainTimeout);
    }

    /**
     * Waits for a shut-down pool to finish its running and queued commands, for up to the timeout,
     * then interrupts what is still running and drops the rest with a warning.
     *
     * @param executor     the pool, already shut down
     * @param drainTimeout how long to wait
     */
    static void drain(ExecutorService executor, Duration drainTimeout) {
        try {
            if (!executor.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> abandoned = executor.shutdownNow();
                LOG.warn("Command bus did not drain within {}: interrupted the running commands, {} queued command(s)"
                                 + " not run; their saga deadlines will compensate or re-send after the next start",
                         drainTimeout, abandoned.size());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
