package io.orderflow.projections.kafka;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One row of {@code replayed_dead_letter}: this dead-letter record was replayed to the event topic. */
@Entity
@Table(name = "replayed_dead_letter")
@IdClass(ReplayedDeadLetterEntity.Key.class)
class ReplayedDeadLetterEntity {

    @Id
    @Column(name = "dead_letter_topic", length = 249, nullable = false)
    private String deadLetterTopic;

    @Id
    @Column(name = "dlt_partition", nullable = false)
    private int partition;

    @Id
    @Column(name = "dlt_offset", nullable = false)
    private long offset;

    @Column(name = "consumer_group", nullable = false)
    private String consumerGroup;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "target_topic", length = 249, nullable = false)
    private String targetTopic;

    @Column(name = "target_partition")
    private Integer targetPartition;

    @Column(name = "target_offset")
    private Long targetOffset;

    @Column(name = "replayed_at", nullable = false)
    private Instant replayedAt;

    protected ReplayedDeadLetterEntity() {
        // for JPA
    }

    ReplayedDeadLetterEntity(String deadLetterTopic, int partition, long offset, String consumerGroup, String eventId,
            String targetTopic, Instant replayedAt) {
        this.deadLetterTopic = deadLetterTopic;
        this.partition = partition;
        this.offset = offset;
        this.consumerGroup = consumerGroup;
        this.eventId = eventId;
        this.targetTopic = targetTopic;
        this.replayedAt = replayedAt;
    }

    /** Where the replayed record landed on the event topic. */
    void sentTo(int partition, long offset) {
        this.targetPartition = partition;
        this.targetOffset = offset;
    }

    int partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    String eventId() {
        return eventId;
    }

    Integer targetPartition() {
        return targetPartition;
    }

    Long targetOffset() {
        return targetOffset;
    }

    /** The composite primary key (dead-letter topic, partition, offset). */
    static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String deadLetterTopic;
        private int partition;
        private long offset;

        protected Key() {
            // for JPA
        }

        Key(String deadLetterTopic, int partition, long offset) {
            this.deadLetterTopic = deadLetterTopic;
            this.partition = partition;
            this.offset = offset;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && deadLetterTopic.equals(key.deadLetterTopic)
                    && partition == key.partition && offset == key.offset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(deadLetterTopic, partition, offset);
        }
    }
}
