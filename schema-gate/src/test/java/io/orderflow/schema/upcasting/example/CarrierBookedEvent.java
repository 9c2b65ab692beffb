package io.orderflow.schema.upcasting.example;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import org.axonframework.serialization.Revision;

/**
 * A fictional event that exists only in tests, at its third revision; its history is told by the golden JSON in
 * {@code src/test/resources/upcasting/CarrierBookedEvent}.
 *
 * @param carrier called {@code carrierName} up to revision 2
 * @param parcels new in revision 3; events stored before it had one parcel
 */
@Revision("3")
public record CarrierBookedEvent(OrderId orderId, String carrier, int parcels, Money price) {
}
