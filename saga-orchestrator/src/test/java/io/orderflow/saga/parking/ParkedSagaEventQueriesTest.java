package io.orderflow.saga.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.operations.FindParkedSagaEventsQuery;
import io.orderflow.api.operations.ParkedSagaEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the operators' query maps its limit onto the store. */
class ParkedSagaEventQueriesTest {

    private final List<Integer> requestedLimits = new ArrayList<>();
    private final ParkedSagaEvents.Entry entry = new ParkedSagaEvents.Entry(1, "Saga", "order-1", "event-1",
            "SomeEvent", "{}", "java.lang.IllegalStateException: boom", 5, Instant.EPOCH);
    private final ParkedSagaEventQueries queries = new ParkedSagaEventQueries(new ParkedSagaEventStore() {
        @Override
        public void park(FailedSagaEvent event) {
            throw new UnsupportedOperationException("read-only in these tests");
        }

        @Override
        public List<ParkedSagaEvents.Entry> findNewest(int limit) {
            requestedLimits.add(limit);
            return List.of(entry);
        }
    });

    @Test
    void answersWithTheStoresNewestEntries() {
        assertThat(queries.handle(new FindParkedSagaEventsQuery(20)).entries()).containsExactly(entry);
        assertThat(requestedLimits).containsExactly(20);
    }

    @Test
    void usesTheDefaultLimitWhenTheQueryAsksForNothing() {
        queries.handle(new FindParkedSagaEventsQuery(0));
        queries.handle(new FindParkedSagaEventsQuery(-3));

        assertThat(requestedLimits).containsExactly(ParkedSagaEventQueries.DEFAULT_LIMIT,
                ParkedSagaEventQueries.DEFAULT_LIMIT);
    }

    @Test
    void neverReadsMoreThanTheMaximum() {
        queries.handle(new FindParkedSagaEventsQuery(1_000_000));

        assertThat(requestedLimits).containsExactly(ParkedSagaEventQueries.MAX_LIMIT);
    }
}
