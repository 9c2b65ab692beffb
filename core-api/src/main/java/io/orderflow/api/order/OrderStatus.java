package io.orderflow.api.order;

/** The lifecycle of an order. {@link #isTerminal()} states carry a reason or a completion. */
public enum OrderStatus {
    PENDING,
    STOCK_RESERVED,
    PAYMENT_AUTHORIZED,
    SHIPMENT_SCHEDULED,
    COMPLETED,
    CANCELLATION_REQUESTED,
    REJECTED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }
}
