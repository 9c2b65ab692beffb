package io.orderflow.api.operations;

import java.time.Instant;
import java.util.List;

/**
 * The dead letters of one consumer group, oldest first.
 *
 * @param groups every consumer group that has a dead-letter topic
 */
public record DeadLetters(String group, List<String> groups, List<Entry> entries) {

    public DeadLetters {
        groups = List.copyOf(groups);
        entries = List.copyOf(entries);
    }

    /**
     * One dead-lettered record, addressed by its position in the dead-letter topic.
     *
     * @param replayed whether it was already put back on the event topic
     */
    public record Entry(String topic, int partition, long offset, String key, String eventId, String eventType,
                        Instant occurredAt, Instant deadLetteredAt, String exceptionClass, String exceptionMessage,
                        boolean replayed) {
    }
}
