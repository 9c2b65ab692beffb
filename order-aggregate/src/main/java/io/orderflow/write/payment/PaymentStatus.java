package io.orderflow.write.payment;

/** The states of a {@link Payment}. Only {@link #AUTHORIZED} can still change (to refunded). */
public enum PaymentStatus {
    /** The provider holds the amount. */
    AUTHORIZED,
    /** The provider declined the authorisation. */
    DECLINED,
    /** The provider could not be reached on any attempt. */
    FAILED,
    /** The authorised amount was given back. */
    REFUNDED,
    /** Compensated before any authorisation was recorded; later authorisations are ignored. */
    VOIDED
}
