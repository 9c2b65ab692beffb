package io.orderflow.bench.stats;

/**
 * The number of orders in flight (accepted, terminal state not yet observed) at one moment.
 *
 * @param seconds  seconds since the start of the run
 * @param inFlight orders in flight then
 */
public record BacklogSample(double seconds, long inFlight) {
}
