package io.orderflow.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class EventMetaTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void eventAtOrBeforeTheLastAppliedSequenceIsStale() {
        assertThat(new EventMeta("e", AT, 3L).isStaleComparedTo(3L)).isTrue();
        assertThat(new EventMeta("e", AT, 2L).isStaleComparedTo(3L)).isTrue();
        assertThat(new EventMeta("e", AT, 4L).isStaleComparedTo(3L)).isFalse();
    }

    @Test
    void unknownSequenceOnEitherSideIsNeverStale() {
        assertThat(EventMeta.of("e", AT).isStaleComparedTo(3L)).isFalse();
        assertThat(new EventMeta("e", AT, 0L).isStaleComparedTo(null)).isFalse();
    }

    @Test
    void rejectsBlankEventId() {
        assertThatThrownBy(() -> EventMeta.of(" ", AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesIdTimeAndSequenceFromAnAxonDomainEvent() {
        var message = new GenericDomainEventMessage<>("Order", "order-1", 7L, "payload");

        EventMeta meta = AxonEventMeta.from(message);

        assertThat(meta.eventId()).isEqualTo(message.getIdentifier());
        assertThat(meta.occurredAt()).isEqualTo(message.getTimestamp());
        assertThat(meta.aggregateSequence()).isEqualTo(7L);
    }

    @Test
    void axonEventOutsideAnAggregateHasNoSequence() {
        var message = GenericEventMessage.asEventMessage("payload");

        assertThat(AxonEventMeta.from(message).aggregateSequence()).isNull();
    }
}
