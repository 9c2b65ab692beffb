package io.orderflow.write.support;

/**
 * Every attempt of a call to an external system failed with a technical error. The cause is the
 * failure of the last attempt.
 */
public class RetriesExhaustedException extends RuntimeException {

    private final int attempts;

    /**
     * @param attempts    how often the call was tried
     * @param lastFailure the failure of the last attempt
     */
    public RetriesExhaustedException(int attempts, RuntimeException lastFailure) {
        super("gave up after " + attempts + " attempt(s): " + lastFailure.getMessage(), lastFailure);
        this.attempts = attempts;
    }

    /** How often the call was tried. */
    public int attempts() {
        return attempts;
    }

    /** The failure message of the last attempt. */
    public String lastFailureMessage() {
        return getCause().getMessage();
    }
}
