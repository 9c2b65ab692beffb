package io.orderflow.bridge.observability;

import io.orderflow.api.operations.BackboneStatus.ConsumerLag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The offsets of one topic at one moment: where each partition starts and ends, and what each consumer
 * group of the topic has committed.
 *
 * @param topic     the topic
 * @param start     per partition, the log start offset (the oldest record still kept)
 * @param end       per partition, the end offset (the offset the next record will get)
 * @param committed per consumer group that has committed at least one offset on the topic, its committed
 *                  offset per partition (partitions without a commit are absent)
 */
public record TopicOffsets(String topic, Map<Integer, Long> start, Map<Integer, Long> end,
                           Map<String, Map<Integer, Long>> committed) {

    public TopicOffsets {
        Objects.requireNonNull(topic, "topic");
        start = Map.copyOf(start);
        end = Map.copyOf(end);
        committed = Map.copyOf(committed);
    }

    /**
     * The lag of every consumer group on every partition of the topic: the end offset minus the committed
     * offset. A partition the group has not committed on counts from the log start (the read models start
     * from the earliest record), as does a committed offset the topic's retention has already passed.
     *
     * @return one entry per group and partition, ordered by group and partition
     */
    public List<ConsumerLag> lags() {
        List<ConsumerLag> lags = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Long>> group : new TreeMap<>(committed).entrySet()) {
            for (Map.Entry<Integer, Long> partition : new TreeMap<>(end).entrySet()) {
                long logStart = start.getOrDefault(partition.getKey(), 0L);
                long position = Math.max(logStart, group.getValue().getOrDefault(partition.getKey(), logStart));
                lags.add(new ConsumerLag(group.getKey(), topic, partition.getKey(),
                        Math.max(0, partition.getValue() - position)));
            }
        }
        lags.sort(Comparator.comparing(ConsumerLag::group).thenComparingInt(ConsumerLag::partition));
        return lags;
    }
}
