package io.orderflow.projections.kafka;

import java.time.Instant;

/**
 * One record on a read model's dead-letter topic, as an operator sees it.
 *
 * @param groupId           the consumer group (read model) that gave up on the record
 * @param topic             the dead-letter topic
 * @param partition         the record's partition on the dead-letter topic
 * @param offset            the record's offset on the dead-letter topic; with {@code partition} what
 *                          {@link DeadLetterReplay#replay} takes
 * @param key               the record key (the order id, or the SKU)
 * @param eventId           the {@code event-id} (else {@code axon-message-id}) header, {@code null} if absent
 * @param eventType         the {@code event-type} (else {@code axon-message-type}) header, {@code null} if absent
 * @param occurredAt        the {@code occurred-at} header, {@code null} if absent or malformed
 * @param deadLetteredAt    when the record was written to the dead-letter topic
 * @param originalTopic     where the record came from
 * @param originalPartition its partition there, {@code null} if unknown
 * @param originalOffset    its offset there, {@code null} if unknown
 * @param exceptionClass    the class of the exception the read model's listener threw
 *                          ({@code orderflow-dlt-exception-fqcn}, else {@code kafka_dlt-exception-fqcn})
 * @param exceptionMessage  its message ({@code orderflow-dlt-exception-message}, else
 *                          {@code kafka_dlt-exception-message})
 * @param replayed          whether the record was replayed already
 */
public record DeadLetter(
        String groupId,
        String topic,
        int partition,
        long offset,
        String key,
        String eventId,
        String eventType,
        Instant occurredAt,
        Instant deadLetteredAt,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String exceptionClass,
        String exceptionMessage,
        boolean replayed) {
}
