package io.orderflow.api.order;

import io.orderflow.api.inventory.Sku;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order.
 *
 * @param sku       the product
 * @param quantity  how many, at least one
 * @param unitPrice the price of one unit in the order's currency
 */
public record OrderLine(Sku sku, int quantity, BigDecimal unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("unit price must not be negative: " + unitPrice);
        }
    }

    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
