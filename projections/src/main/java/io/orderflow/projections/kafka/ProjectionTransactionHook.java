package io.orderflow.projections.kafka;

import io.orderflow.projections.support.EventMeta;

/**
 * Called by the Kafka feed inside a read model's database transaction, after the event was handed to
 * the read model and before the transaction commits. Whatever a hook writes commits or rolls back with
 * the read model's update; a hook that throws rolls the update back, and the record is retried (then
 * dead-lettered) like any failed update, with its offset not committed. The read model writes its rows
 * at the end of the batch, after the hooks of all its events: a hook that read the read model's tables
 * would see them as they were before the batch.
 *
 * <p>Every bean of this type is called, in {@code @Order}; declare none to have none.
 */
@FunctionalInterface
public interface ProjectionTransactionHook {

    /**
     * @param readModel the read model, {@code order-view} or {@code product-stock}
     *                  ({@code OrderViewUpdater.PROCESSOR}, {@code ProductStockUpdater.PROCESSOR})
     * @param payload   the event
     * @param meta      its id, time and aggregate sequence
     * @param applied   whether the read model changed ({@code false} for an event it ignores, a
     *                  duplicate or a stale event)
     */
    void beforeCommit(String readModel, Object payload, EventMeta meta, boolean applied);
}
