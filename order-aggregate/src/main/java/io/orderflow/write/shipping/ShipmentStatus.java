package io.orderflow.write.shipping;

/** The states of a {@link Shipment}. Only {@link #SCHEDULED} can still change (to cancelled). */
public enum ShipmentStatus {
    /** The carrier booked the shipment. */
    SCHEDULED,
    /** The carrier refused the booking or could not be reached on any attempt. */
    FAILED,
    /** The booking was cancelled, or compensated before any booking; later bookings are ignored. */
    CANCELLED
}
