package io.orderflow.projections.kafka;

/**
 * Kafka did not answer in time while {@link DeadLetterReplay} read a dead-letter topic or re-published
 * a dead letter. Nothing was recorded as replayed; the operation can be repeated.
 */
public class DeadLetterReplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the underlying failure, or {@code null}
     */
    public DeadLetterReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
