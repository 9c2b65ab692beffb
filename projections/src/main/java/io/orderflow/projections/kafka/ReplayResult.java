package io.orderflow.projections.kafka;

/**
 * What {@link DeadLetterReplay} did with one dead letter.
 *
 * @param groupId     the consumer group whose dead-letter topic holds the record
 * @param partition   the record's partition on the dead-letter topic
 * @param offset      the record's offset on the dead-letter topic
 * @param outcome     replayed now, replayed before, or not on the topic
 * @param eventId     the record's event id, {@code null} if not known
 * @param toPartition where the replay landed on the event topic ({@code null} unless replayed)
 * @param toOffset    its offset there ({@code null} unless replayed)
 */
public record ReplayResult(
        String groupId,
        int partition,
        long offset,
        Outcome outcome,
        String eventId,
        Integer toPartition,
        Long toOffset) {

    /** What happened to the dead letter. */
    public enum Outcome {

        /** Re-published to the event topic now. */
        REPLAYED,

        /** Replayed before; not published again. */
        ALREADY_REPLAYED,

        /** The dead-letter topic does not hold such a record (wrong position, or removed by retention). */
        NOT_FOUND
    }
}
