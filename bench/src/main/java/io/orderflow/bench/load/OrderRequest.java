package io.orderflow.bench.load;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The JSON body of {@code POST /api/orders}.
 *
 * @param customerId      the client's customer reference
 * @param currency        ISO 4217 code of every unit price
 * @param shippingAddress where the order goes
 * @param lines           one line per distinct SKU
 */
public record OrderRequest(String customerId, String currency, Address shippingAddress, List<Line> lines) {

    public OrderRequest {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(shippingAddress, "shippingAddress");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
    }

    /** A shipping address as the REST API takes it. */
    public record Address(String name, String street, String city, String postalCode, String country) {
    }

    /** One order line as the REST API takes it. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {

        public Line {
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(unitPrice, "unitPrice");
            if (quantity < 1) {
                throw new IllegalArgumentException("quantity must be positive: " + quantity);
            }
        }
    }
}
