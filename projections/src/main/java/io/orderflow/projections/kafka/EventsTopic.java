package io.orderflow.projections.kafka;

import java.util.Objects;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The event topic the read models consume, as the Kafka backbone configures it, and the names of the
 * read models' dead-letter topics.
 *
 * @param name              {@code orderflow.kafka.topics.events}, default {@value #DEFAULT_NAME}
 * @param partitions        {@code orderflow.kafka.partitions}, default {@value #DEFAULT_PARTITIONS}; the
 *                          dead-letter topics get as many
 * @param replicationFactor {@code orderflow.kafka.replication-factor}, default 1
 */
record EventsTopic(String name, int partitions, short replicationFactor) {

    static final String DEFAULT_NAME = "orderflow.events";
    static final int DEFAULT_PARTITIONS = 6;

    EventsTopic {
        Objects.requireNonNull(name, "name");
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("orderflow.kafka.partitions and replication-factor must be positive");
        }
    }

    /** Reads the Kafka backbone's topic settings (owned by the kafka-bridge module) from the environment. */
    static EventsTopic from(Environment environment) {
        Binder binder = Binder.get(environment);
        return new EventsTopic(
                binder.bind("orderflow.kafka.topics.events", String.class).orElse(DEFAULT_NAME),
                binder.bind("orderflow.kafka.partitions", Integer.class).orElse(DEFAULT_PARTITIONS),
                binder.bind("orderflow.kafka.replication-factor", Short.class).orElse((short) 1));
    }

    /** The dead-letter topic of one consumer group: {@code <topic>.<group>.DLT}. */
    String deadLetterTopic(String groupId) {
        return name + "." + groupId + ".DLT";
    }
}
