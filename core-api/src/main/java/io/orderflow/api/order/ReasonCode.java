package io.orderflow.api.order;

/** Why an order did not complete. */
public enum ReasonCode {
    OUT_OF_STOCK,
    STOCK_RESERVATION_TIMEOUT,
    PAYMENT_DECLINED,
    PAYMENT_FAILED,
    PAYMENT_TIMEOUT,
    SHIPMENT_FAILED,
    SHIPMENT_TIMEOUT,
    CUSTOMER_CANCELLED,
    OPERATOR_CANCELLED
}
