package io.orderflow.api.operations;

/** Asks for saga events that failed on every retry and were parked; answered with {@link ParkedSagaEvents}. */
public record FindParkedSagaEventsQuery(int limit) {
}
