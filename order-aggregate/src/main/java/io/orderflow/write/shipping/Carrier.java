package io.orderflow.write.shipping;

import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.shipping.ShipmentId;
import java.util.List;

/**
 * Port to a carrier. Every call is keyed by the {@link ShipmentId}, which the carrier treats as the
 * idempotency key: booking the same key twice yields the same booking.
 *
 * <p>Implementations throw {@link CarrierException} for technical failures (unreachable, timed out,
 * server error), which {@link ShippingProcessor} retries; a business refusal is a
 * {@link BookingResult.Refused} result, never an exception.
 */
public interface Carrier {

    /**
     * Books the shipment of an order.
     *
     * @param idempotencyKey the shipment id
     * @param address        where to deliver
     * @param lines          what to deliver
     * @return booked with the carrier's name and tracking number, or refused with a reason
     * @throws CarrierException on a technical failure or timeout
     */
    BookingResult book(ShipmentId idempotencyKey, ShippingAddress address, List<OrderLine> lines);

    /**
     * Cancels the booking held under the key and refuses later bookings with it. Succeeds when there
     * is none.
     *
     * @param idempotencyKey the shipment id
     * @param trackingNumber the tracking number of the booking, or {@code null} when no booking was
     *                       recorded (any booking whose answer was lost is cancelled all the same)
     * @throws CarrierException on a technical failure or timeout
     */
    void cancel(ShipmentId idempotencyKey, String trackingNumber);
}
