package io.orderflow.projections.kafka;

/**
 * A record on the event topic that cannot be turned into an event: no Axon headers, an unknown
 * payload type, a payload that does not deserialize, missing or malformed metadata. Retrying cannot
 * help, so such a record goes straight to the dead-letter topic, and consumption continues behind it.
 * Its class name is the {@code kafka_dlt-exception-fqcn} of such dead letters.
 */
public class UnreadableEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the record
     * @param cause   the underlying failure, or {@code null}
     */
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what is wrong with the record
     */
    public UnreadableEventException(String message) {
        super(message);
    }
}
