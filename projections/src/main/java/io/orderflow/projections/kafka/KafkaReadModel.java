package io.orderflow.projections.kafka;

import io.orderflow.projections.support.EventMeta;
import java.util.Objects;

/**
 * A read model fed from Kafka: its name, its consumer group, and the updater that applies one event.
 *
 * @param name    the read model's processor name ({@code order-view}, {@code product-stock})
 * @param groupId its consumer group
 * @param updater applies one event (in the caller's transaction)
 */
record KafkaReadModel(String name, String groupId, Updater updater) {

    KafkaReadModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(updater, "updater");
    }

    /** Applies one event to a read model; the signature of {@code OrderViewUpdater.apply} and {@code ProductStockUpdater.apply}. */
    @FunctionalInterface
    interface Updater {

        /** @return whether the read model changed */
        boolean apply(Object payload, EventMeta meta);
    }
}
