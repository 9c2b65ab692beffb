package io.orderflow.api.operations;

/**
 * Asks for the records a read-model consumer group gave up on; answered with {@link DeadLetters}.
 *
 * @param group the consumer group, for example {@code orderflow.projections.order-view}
 * @param limit at most this many
 */
public record FindDeadLettersQuery(String group, int limit) {
}
