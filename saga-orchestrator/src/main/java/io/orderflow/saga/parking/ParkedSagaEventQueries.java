package io.orderflow.saga.parking;

import io.orderflow.api.operations.FindParkedSagaEventsQuery;
import io.orderflow.api.operations.ParkedSagaEvents;
import org.axonframework.queryhandling.QueryHandler;

/** Answers the operators' {@link FindParkedSagaEventsQuery} from the {@link ParkedSagaEventStore}. */
public class ParkedSagaEventQueries {

    /** Used when the query asks for zero or fewer entries. */
    static final int DEFAULT_LIMIT = 50;
    /** No answer holds more entries than this. */
    static final int MAX_LIMIT = 500;

    private final ParkedSagaEventStore store;

    /** Reads from the given store. */
    public ParkedSagaEventQueries(ParkedSagaEventStore store) {
        this.store = store;
    }

    /**
     * The newest parked events, newest first: {@code limit} of them, {@value #DEFAULT_LIMIT} if the
     * limit is not positive, never more than {@value #MAX_LIMIT}.
     */
    @QueryHandler
    public ParkedSagaEvents handle(FindParkedSagaEventsQuery query) {
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        return new ParkedSagaEvents(store.findNewest(limit));
    }
}
