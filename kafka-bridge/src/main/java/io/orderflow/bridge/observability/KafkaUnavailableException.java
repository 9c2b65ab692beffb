package io.orderflow.bridge.observability;

/** The Kafka cluster did not answer an admin request in time, or refused it. */
public class KafkaUnavailableException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what could not be done
     * @param cause   the admin client's failure, may be {@code null}
     */
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
