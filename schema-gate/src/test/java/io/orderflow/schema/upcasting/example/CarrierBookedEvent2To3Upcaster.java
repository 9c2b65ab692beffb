package io.orderflow.schema.upcasting.example;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.schema.upcasting.JsonNodeUpcaster;

/** Revision 2 to 3: {@code carrierName} is renamed {@code carrier}; {@code parcels} is new, default 1. */
final class CarrierBookedEvent2To3Upcaster extends JsonNodeUpcaster {

    static final int DEFAULT_PARCELS = 1;

    CarrierBookedEvent2To3Upcaster() {
        super(CarrierBookedEvent.class, 2, 3);
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        payload.set("carrier", payload.remove("carrierName"));
        payload.put("parcels", DEFAULT_PARCELS);
        return payload;
    }
}
