package io.orderflow.write.order;

import static io.orderflow.write.order.OrderSamples.ADDRESS;
import static io.orderflow.write.order.OrderSamples.CUSTOMER;
import static io.orderflow.write.order.OrderSamples.GADGET;
import static io.orderflow.write.order.OrderSamples.LINES;
import static io.orderflow.write.order.OrderSamples.ORDER_ID;
import static io.orderflow.write.order.OrderSamples.PLACED_AT;
import static io.orderflow.write.order.OrderSamples.WIDGET;
import static io.orderflow.write.order.OrderSamples.orderPlaced;
import static io.orderflow.write.order.OrderSamples.placeOrder;
import static io.orderflow.write.support.BusinessErrorMatchers.businessError;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.write.support.BusinessErrorInterceptor;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Placing an order through {@link OrderPlacement}: every check and the created aggregate. */
class OrderPlacementTest {

    private final Set<Sku> catalogue = new HashSet<>(Set.of(WIDGET, GADGET));
    private final AtomicInteger productLookups = new AtomicInteger();
    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerAnnotatedCommandHandler(new OrderPlacement(fixture.getRepository(), sku -> {
            productLookups.incrementAndGet();
            return catalogue.contains(sku);
        }));
        fixture.registerCommandHandlerInterceptor(new BusinessErrorInterceptor());
    }

    private static List<OrderLine> distinctLines(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new OrderLine(new Sku("SKU-" + i), 1, BigDecimal.ONE))
                .toList();
    }

    private void refusedAsInvalid(PlaceOrderCommand command, String messagePart) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(businessError(ErrorCode.INVALID_ORDER, messagePart))
                .expectNoEvents();
    }

    @Test
    void placesPendingOrderWithTheTotalComputedFromTheLines() {
        fixture.givenNoPriorActivity()
                .when(placeOrder())
                .expectEvents(new OrderPlacedEvent(ORDER_ID, CUSTOMER, LINES,
                        new Money(new BigDecimal("44.98"), "EUR"), ADDRESS, PLACED_AT))
                .expectState(order -> assertThat(order.status()).isEqualTo(OrderStatus.PENDING));
    }

    @Test
    void placesOrderWithFiftyLines() {
        List<OrderLine> lines = distinctLines(50);
        lines.forEach(line -> catalogue.add(line.sku()));

        fixture.givenNoPriorActivity()
                .when(placeOrder(lines, "EUR"))
                .expectEvents(new OrderPlacedEvent(ORDER_ID, CUSTOMER, lines, new Money(new BigDecimal("50"), "EUR"),
                        ADDRESS, PLACED_AT));
    }

    @Test
    void refusesOrderWithoutLines() {
        refusedAsInvalid(placeOrder(List.of(), "EUR"), "between 1 and 50 lines, got 0");
    }

    @Test
    void refusesOrderWithMoreThanFiftyLines() {
        List<OrderLine> lines = distinctLines(51);
        lines.forEach(line -> catalogue.add(line.sku()));

        refusedAsInvalid(placeOrder(lines, "EUR"), "got 51");
    }

    @Test
    void refusesOrderNamingTheSameSkuOnTwoLines() {
        refusedAsInvalid(placeOrder(List.of(new OrderLine(WIDGET, 1, BigDecimal.ONE),
                new OrderLine(WIDGET, 2, BigDecimal.ONE)), "EUR"), "WIDGET-1 appears on more than one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EURO", "E1R", "", "QQQ"})
    void refusesCurrencyThatIsNotAThreeLetterIsoCode(String currency) {
        refusedAsInvalid(placeOrder(LINES, currency), "ISO 4217");
    }

    @Test
    void refusesOrderWithoutCurrency() {
        refusedAsInvalid(placeOrder(LINES, null), "ISO 4217");
    }

    @Test
    void refusesUnitPriceWithMoreDecimalsThanTheCurrencyHas() {
        refusedAsInvalid(placeOrder(List.of(new OrderLine(WIDGET, 1, new BigDecimal("1.999"))), "EUR"),
                "more decimals than EUR allows (2)");
        refusedAsInvalid(placeOrder(List.of(new OrderLine(WIDGET, 1, new BigDecimal("100.5"))), "JPY"),
                "JPY allows (0)");
    }

    @Test
    void acceptsUnitPriceWhoseExtraDecimalsAreZeros() {
        List<OrderLine> lines = List.of(new OrderLine(WIDGET, 3, new BigDecimal("100.000")));

        fixture.givenNoPriorActivity()
                .when(placeOrder(lines, "JPY"))
                .expectEvents(new OrderPlacedEvent(ORDER_ID, CUSTOMER, lines,
                        new Money(new BigDecimal("300.000"), "JPY"), ADDRESS, PLACED_AT));
    }

    @Test
    void refusesOrderWithoutCompleteShippingAddress() {
        refusedAsInvalid(new PlaceOrderCommand(ORDER_ID, CUSTOMER, LINES, "EUR", null, PLACED_AT),
                "needs a shipping address");
        refusedAsInvalid(new PlaceOrderCommand(ORDER_ID, CUSTOMER, LINES, "EUR",
                new ShippingAddress("Ada Lovelace", " ", "London", "N1 9GU", "GB"), PLACED_AT), "street");
    }

    @Test
    void refusesOrderWithoutCustomerOrPlacingTime() {
        refusedAsInvalid(new PlaceOrderCommand(ORDER_ID, null, LINES, "EUR", ADDRESS, PLACED_AT), "customer id");
        refusedAsInvalid(new PlaceOrderCommand(ORDER_ID, CUSTOMER, LINES, "EUR", ADDRESS, null), "time it was placed");
    }

    @Test
    void refusesOrderForUnknownProductNamingEveryUnknownSku() {
        catalogue.clear();
        catalogue.add(WIDGET);

        fixture.givenNoPriorActivity()
                .when(placeOrder(List.of(new OrderLine(WIDGET, 1, BigDecimal.ONE),
                        new OrderLine(GADGET, 1, BigDecimal.ONE),
                        new OrderLine(new Sku("NOPE-3"), 1, BigDecimal.ONE)), "EUR"))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(businessError(ErrorCode.UNKNOWN_SKU, "[GADGET-2, NOPE-3]"))
                .expectNoEvents();
    }

    @Test
    void refusesOrderWhoseIdIsTaken() {
        fixture.given(orderPlaced())
                .when(placeOrder())
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(businessError(ErrorCode.ORDER_ALREADY_EXISTS, ORDER_ID.toString()))
                .expectNoEvents();
    }

    @Test
    void checksTheCommandItselfBeforeLookingUpProducts() {
        refusedAsInvalid(placeOrder(LINES, "eur"), "ISO 4217");

        assertThat(productLookups).hasValue(0);
    }
}
