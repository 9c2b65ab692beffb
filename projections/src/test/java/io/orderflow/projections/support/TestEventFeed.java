package io.orderflow.projections.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Hands out event metadata the way the event store would: a fresh event id, a clock that moves one
 * second per event, and a sequence number per aggregate.
 */
public final class TestEventFeed {

    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock;

    public TestEventFeed(Instant start) {
        this.clock = start;
    }

    /** Metadata of the next event of aggregate {@code aggregateId}. */
    public EventMeta next(Object aggregateId) {
        clock = clock.plusSeconds(1);
        long sequence = sequences.merge(aggregateId.toString(), 0L, (previous, ignored) -> previous + 1);
        return new EventMeta(UUID.randomUUID().toString(), clock, sequence);
    }

    /** The time of the last event handed out. */
    public Instant now() {
        return clock;
    }
}
