package io.orderflow.api.operations;

/**
 * Asks how the Kafka backbone is doing: how far the event publisher is behind the event store, how far
 * each consumer group is behind the event topic, dead letters and skipped duplicates, and whether Kafka
 * answers. Answered with {@link BackboneStatus}.
 */
public record FindBackboneStatusQuery() {
}
