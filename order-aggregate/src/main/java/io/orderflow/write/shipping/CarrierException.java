package io.orderflow.write.shipping;

/** A technical failure of the carrier: unreachable, timed out or failing. Worth a retry. */
public class CarrierException extends RuntimeException {

    /**
     * @param message what went wrong
     */
    public CarrierException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public CarrierException(String message, Throwable cause) {
        super(message, cause);
    }
}
