package io.orderflow.write.payment;

/** A technical failure of the payment gateway: unreachable, timed out or failing. Worth a retry. */
public class PaymentGatewayException extends RuntimeException {

    /**
     * @param message what went wrong
     */
    public PaymentGatewayException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public PaymentGatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
