package io.orderflow.api.inventory;

import org.axonframework.serialization.Revision;

/** Units were added to the stock on hand. */
@Revision("1")
public record StockRestockedEvent(Sku sku, int quantity, int onHand, int reserved) {
}
