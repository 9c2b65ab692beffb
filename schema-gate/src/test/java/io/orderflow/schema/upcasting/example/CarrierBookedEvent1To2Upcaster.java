package io.orderflow.schema.upcasting.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.schema.upcasting.JsonNodeUpcaster;

/** Revision 1 to 2: the order id, a bare UUID string in revision 1, becomes an identifier record. */
final class CarrierBookedEvent1To2Upcaster extends JsonNodeUpcaster {

    CarrierBookedEvent1To2Upcaster() {
        super(CarrierBookedEvent.class, 1, 2);
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        JsonNode bareId = payload.get("orderId");
        payload.putObject("orderId").set("value", bareId);
        return payload;
    }
}
