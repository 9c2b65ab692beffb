package io.orderflow.bridge.publishing;

/**
 * When a Kafka-writing event processor (the event publisher, the order-change feed) waits for the
 * broker to acknowledge its records. Either way the processor's unit of work commits, and its token
 * moves, only after every record of the batch was acknowledged; a refused or unacknowledged record
 * rolls the batch back and the processor retries it.
 */
public enum AckWait {

    /**
     * All records of a batch are handed to the producer without waiting, and their acknowledgements
     * are awaited together once the batch's last event was handled (or, at the latest, when its unit
     * of work prepares to commit): one wait per batch instead of one round trip to the broker per
     * record. Per-key order holds because the producer is idempotent ({@code acks=all}, at most 5
     * requests in flight), which keeps the records of a partition in send order even when a request
     * is retried.
     */
    BATCH,

    /** Each record's acknowledgement is awaited before the next event is handled (the first behaviour). */
    RECORD
}
