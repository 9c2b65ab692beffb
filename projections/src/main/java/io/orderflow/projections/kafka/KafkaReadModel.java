package io.orderflow.projections.kafka;

import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.ReadModelBatch;
import java.util.List;
import java.util.Objects;

/**
 * A read model fed from Kafka: its name, its consumer group, and how it begins a batch of a poll's events.
 *
 * @param name    the read model's processor name ({@code order-view}, {@code product-stock})
 * @param groupId its consumer group
 * @param updater begins a batch in the poll's transaction
 */
record KafkaReadModel(String name, String groupId, Updater updater) {

    KafkaReadModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(updater, "updater");
    }

    /**
     * Begins a batch of events in the caller's transaction (looking up what they need); the signature of
     * {@code OrderViewUpdater.begin} and {@code ProductStockUpdater.begin}.
     */
    @FunctionalInterface
    interface Updater {

        ReadModelBatch begin(List<DeliveredEvent> events);
    }
}
