package io.orderflow.api.operations;

/**
 * What a {@link ReplayDeadLetterCommand} did.
 *
 * @param outcome {@code REPLAYED}, {@code ALREADY_REPLAYED} or {@code NOT_FOUND}
 * @param eventId the replayed event's id, if the record was found
 */
public record DeadLetterReplayOutcome(String group, int partition, long offset, String outcome, String eventId) {
}
