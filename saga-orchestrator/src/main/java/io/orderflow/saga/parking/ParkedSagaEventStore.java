package io.orderflow.saga.parking;

import io.orderflow.api.operations.ParkedSagaEvents;
import java.util.List;

/** Where {@link SagaEventParking} puts the saga events it gives up on, and where operators read them. */
public interface ParkedSagaEventStore {

    /**
     * Stores the event durably, independent of the caller's transaction: the record must survive
     * the rollback of the event processor's unit of work.
     */
    void park(FailedSagaEvent event);

    /** The most recently parked events, newest first, at most {@code limit}. */
    List<ParkedSagaEvents.Entry> findNewest(int limit);
}
