package io.orderflow.projections.kafka;

import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
import java.util.List;
import java.util.Objects;

/**
 * A read model fed from Kafka: its name, its consumer group, the updater that applies one event, and
 * what it looks up for a whole poll before applying its events.
 *
 * @param name       the read model's processor name ({@code order-view}, {@code product-stock})
 * @param groupId    its consumer group
 * @param updater    applies one event (in the caller's transaction)
 * @param prefetcher called in the poll's transaction before its events are applied
 *                   ({@link Prefetcher#NONE}: nothing is looked up ahead)
 */
record KafkaReadModel(String name, String groupId, Updater updater, Prefetcher prefetcher) {

    KafkaReadModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(updater, "updater");
        Objects.requireNonNull(prefetcher, "prefetcher");
    }

    /** A read model that looks nothing up ahead. */
    KafkaReadModel(String name, String groupId, Updater updater) {
        this(name, groupId, updater, Prefetcher.NONE);
    }

    /** Applies one event to a read model; the signature of {@code OrderViewUpdater.apply} and {@code ProductStockUpdater.apply}. */
    @FunctionalInterface
    interface Updater {

        /** @return whether the read model changed */
        boolean apply(Object payload, EventMeta meta);
    }

    /**
     * Looks up what the events of a batch need, in the batch's transaction; the signature of
     * {@code OrderViewUpdater.prefetch} and {@code ProductStockUpdater.prefetch}.
     */
    @FunctionalInterface
    interface Prefetcher {

        /** Looks nothing up. */
        Prefetcher NONE = batch -> {
        };

        void prefetch(List<DeliveredEvent> batch);
    }
}
