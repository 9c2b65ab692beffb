package io.orderflow.api.inventory;

import org.axonframework.serialization.Revision;

/** A product joined the catalogue. */
@Revision("1")
public record ProductRegisteredEvent(Sku sku, String name, int initialStock) {
}
