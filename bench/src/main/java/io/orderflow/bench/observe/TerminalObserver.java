package io.orderflow.bench.observe;

/** Watches for orders reaching a terminal state and reports each to the {@link OrderTracker}. */
public interface TerminalObserver extends AutoCloseable {

    /**
     * Starts observing. Returns once every terminal state reached from now on will be seen, so the
     * run can start sending.
     *
     * @throws Exception when the source cannot be reached
     */
    void start() throws Exception;

    /** Short name for the report: {@code kafka} or {@code api}. */
    String name();

    /** Stops observing and releases connections. */
    @Override
    void close();
}
