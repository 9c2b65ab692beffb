package io.orderflow.api.operations;

/**
 * Puts one dead-lettered record back on the event topic, once its cause is fixed; answered with a
 * {@link DeadLetterReplayOutcome}. Replaying the same record twice does nothing the second time.
 *
 * @param group     the consumer group whose dead-letter topic holds the record
 * @param partition the record's partition in the dead-letter topic
 * @param offset    the record's offset in the dead-letter topic
 */
public record ReplayDeadLetterCommand(String group, int partition, long offset) {
}
