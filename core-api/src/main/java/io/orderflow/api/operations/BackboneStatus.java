package io.orderflow.api.operations;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state of the Kafka backbone at one moment, the answer to {@link FindBackboneStatusQuery}.
 *
 * @param publisherLag      events in the event store that are not on Kafka yet: the event store's head
 *                          global index minus the position of the event publisher; {@value #UNKNOWN} when
 *                          it cannot be measured (the publisher does not run in this instance, or has not
 *                          started yet)
 * @param consumerLag       per consumer group of the event topic and partition, the records the group has
 *                          not committed yet; measured periodically
 * @param deadLetters       records each read model's consumer group sent to its dead-letter topic since
 *                          this instance started, by consumer group; empty when none was counted
 * @param duplicatesSkipped redelivered events each read model recognised and skipped since this instance
 *                          started, by read model; empty when none was counted
 * @param kafkaStatus       {@value #UP} when the Kafka cluster answered a moment ago, {@value #DOWN}
 *                          otherwise
 */
public record BackboneStatus(
        long publisherLag,
        List<ConsumerLag> consumerLag,
        Map<String, Long> deadLetters,
        Map<String, Long> duplicatesSkipped,
        String kafkaStatus) {

    /** {@link #publisherLag()} when it cannot be measured. */
    public static final long UNKNOWN = -1;

    /** {@link #kafkaStatus()} when Kafka answers. */
    public static final String UP = "UP";

    /** {@link #kafkaStatus()} when Kafka does not answer. */
    public static final String DOWN = "DOWN";

    public BackboneStatus {
        consumerLag = List.copyOf(consumerLag);
        deadLetters = Map.copyOf(deadLetters);
        duplicatesSkipped = Map.copyOf(duplicatesSkipped);
        Objects.requireNonNull(kafkaStatus, "kafkaStatus");
    }

    /**
     * How far one consumer group is behind on one partition.
     *
     * @param group     the consumer group
     * @param topic     the topic
     * @param partition the partition
     * @param lag       the partition's end offset minus the group's committed offset (from the start of
     *                  the partition when the group has committed nothing there yet)
     */
    public record ConsumerLag(String group, String topic, int partition, long lag) {

        public ConsumerLag {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(topic, "topic");
        }
    }
}
