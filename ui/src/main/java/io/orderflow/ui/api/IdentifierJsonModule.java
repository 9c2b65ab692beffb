package io.orderflow.ui.api;

import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;

/**
 * Writes the core-api identifier records as their bare value ({@code "orderId": "3f0c…"} rather than
 * {@code "orderId": {"value": "3f0c…"}}) in the API's JSON answers.
 *
 * <p>Registered on the web tier's message converter only (see {@link ApiConfiguration}), never on the
 * application's shared {@code ObjectMapper}: Axon serializes events with that one, and their stored form
 * must not change with the web tier.
 */
public class IdentifierJsonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Creates the module. */
    public IdentifierJsonModule() {
        super("orderflow-api-identifiers");
        addSerializer(OrderId.class, ToStringSerializer.instance);
        addSerializer(CustomerId.class, ToStringSerializer.instance);
        addSerializer(Sku.class, ToStringSerializer.instance);
        addSerializer(PaymentId.class, ToStringSerializer.instance);
        addSerializer(ShipmentId.class, ToStringSerializer.instance);
    }
}
