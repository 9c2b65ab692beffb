package io.orderflow.ui.api.order;

import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.ui.api.product.SkuFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/orders}.
 *
 * @param customerId      who orders; no {@code ':'} and no white space
 * @param currency        ISO 4217 code of the prices, for example {@code EUR}
 * @param shippingAddress where to ship
 * @param lines           1 to 50 order lines
 */
@Schema(description = "An order to place")
public record PlaceOrderRequest(
        @Schema(example = "customer-42")
        @NotBlank @Size(max = 128) @Pattern(regexp = "[^:\\s\\p{Cntrl}]*", message = "must not contain ':' or white space")
        String customerId,
        @Schema(example = "EUR")
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be three upper-case letters (ISO 4217)")
        String currency,
        @NotNull @Valid
        Address shippingAddress,
        @NotNull @Size(min = 1, max = 50)
        List<@NotNull @Valid Line> lines) {

    /**
     * One order line.
     *
     * @param sku       the product, 1-64 upper-case letters, digits or dashes
     * @param quantity  1 to 10000 units
     * @param unitPrice the price of one unit, at least 0, at most 2 decimals
     */
    @Schema(name = "OrderLineRequest", description = "One line of an order to place")
    public record Line(
            @Schema(example = "BOOK-1") @NotNull @SkuFormat String sku,
            @Schema(example = "2") @NotNull @Min(1) @Max(10_000) Integer quantity,
            @Schema(example = "12.50") @NotNull @DecimalMin("0.00") @Digits(integer = 13, fraction = 2) BigDecimal unitPrice) {
    }

    /**
     * The shipping address.
     *
     * @param name       the recipient
     * @param street     street and number
     * @param city       the city
     * @param postalCode the postal code
     * @param country    the country
     */
    @Schema(name = "ShippingAddressRequest", description = "Where to ship an order")
    public record Address(
            @Schema(example = "Ada Lovelace") @NotBlank @Size(max = 200) String name,
            @Schema(example = "St James's Square 12") @NotBlank @Size(max = 200) String street,
            @Schema(example = "London") @NotBlank @Size(max = 100) String city,
            @Schema(example = "SW1Y 4JH") @NotBlank @Size(max = 20) String postalCode,
            @Schema(example = "GB") @NotBlank @Size(max = 100) String country) {
    }

    /**
     * The command for this (validated) request.
     *
     * @param orderId  the id of the new order
     * @param placedAt when the order was placed
     * @return the command to send
     */
    PlaceOrderCommand toCommand(OrderId orderId, Instant placedAt) {
        List<OrderLine> orderLines = lines.stream()
                .map(line -> new OrderLine(new Sku(line.sku()), line.quantity(), line.unitPrice()))
                .toList();
        ShippingAddress address = new ShippingAddress(shippingAddress.name(), shippingAddress.street(),
                shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country());
        return new PlaceOrderCommand(orderId, new CustomerId(customerId), orderLines, currency, address, placedAt);
    }
}
