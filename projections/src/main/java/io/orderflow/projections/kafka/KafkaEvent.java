package io.orderflow.projections.kafka;

import io.orderflow.projections.support.EventMeta;
import java.util.Objects;

/**
 * One event read from a record of the event topic.
 *
 * @param payload the deserialized (and upcast) event
 * @param meta    its id, time and aggregate sequence, from the record's headers
 */
record KafkaEvent(Object payload, EventMeta meta) {

    KafkaEvent {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(meta, "meta");
    }
}
