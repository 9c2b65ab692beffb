package io.orderflow.bridge.changes;

/**
 * A change record was not acknowledged by Kafka. Thrown from the feed's event handler, it rolls the
 * processor's batch back: the token stays, and the batch is retried with back-off.
 */
public class OrderChangePublicationException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what was not published
     * @param cause   the producer's failure
     */
    public OrderChangePublicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
