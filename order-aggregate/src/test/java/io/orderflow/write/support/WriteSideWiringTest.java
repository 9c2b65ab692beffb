package io.orderflow.write.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.CommitStockCommand;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.order.CompleteOrderCommand;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.MarkOrderPaymentAuthorizedCommand;
import io.orderflow.api.order.MarkOrderShipmentScheduledCommand;
import io.orderflow.api.order.MarkOrderStockReservedCommand;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.AuthorizePaymentCommand;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.RefundPaymentCommand;
import io.orderflow.api.shipping.ScheduleShipmentCommand;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.write.simulation.SimulatedPaymentGateway;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The module as the application assembles it: a Spring Boot context with Axon's auto-configuration
 * that component-scans {@code io.orderflow.write}. The event storage is Axon's in-memory engine
 * because the database storage belongs to the app module; everything else is the real wiring
 * (command bus, repositories, interceptor registration, snapshot trigger, simulated adapters).
 */
@SpringBootTest(classes = WriteSideWiringTest.WriteSideApplication.class, properties = {
        "axon.serializer.general=jackson",
        "axon.update-check.disabled=true",
        "orderflow.inventory.snapshot-threshold=3",
        "orderflow.payment.backoff=0ms",
        "orderflow.shipping.backoff=0ms"})
class WriteSideWiringTest {

    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London",
            "N1 9GU", "GB");

    /** The write side alone, on an in-memory event storage engine. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan("io.orderflow.write")
    static class WriteSideApplication {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }
    }

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventStorageEngine storage;
    @Autowired
    private SimulatedPaymentGateway paymentGateway;
    @Autowired
    @Qualifier(AggregateCacheConfiguration.PRODUCT_CACHE)
    private Cache productCache;
    @Autowired
    @Qualifier(AggregateCacheConfiguration.ORDER_CACHE)
    private Cache orderCache;

    private List<Object> eventsOf(Object aggregateId) {
        return storage.readEvents(aggregateId.toString(), 0).asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    @Test
    void runsTheWriteSideOfAFulfilledOrderThroughTheCommandBus() {
        Sku sku = new Sku("WIRING-1");
        OrderId orderId = OrderId.random();
        PaymentId paymentId = PaymentId.forOrder(orderId);
        ShipmentId shipmentId = ShipmentId.forOrder(orderId);
        List<OrderLine> lines = List.of(new OrderLine(sku, 2, new BigDecimal("12.50")));
        Money total = new Money(new BigDecimal("25.00"), "EUR");
        commands.sendAndWait(new RegisterProductCommand(sku, "Wiring widget", 5));

        commands.sendAndWait(new PlaceOrderCommand(orderId, new CustomerId("c-1"), lines, "EUR", ADDRESS,
                Instant.parse("2025-03-01T10:00:00Z")));
        commands.sendAndWait(new ReserveStockCommand(sku, orderId, 2));
        commands.sendAndWait(new MarkOrderStockReservedCommand(orderId));
        commands.sendAndWait(new AuthorizePaymentCommand(paymentId, orderId, total));
        commands.sendAndWait(new MarkOrderPaymentAuthorizedCommand(orderId, paymentId, total));
        commands.sendAndWait(new ScheduleShipmentCommand(shipmentId, orderId, ADDRESS, lines));
        ShipmentScheduledEvent scheduled = (ShipmentScheduledEvent) eventsOf(shipmentId).get(0);
        commands.sendAndWait(new MarkOrderShipmentScheduledCommand(orderId, shipmentId, scheduled.trackingNumber()));
        commands.sendAndWait(new CommitStockCommand(sku, orderId));
        commands.sendAndWait(new CompleteOrderCommand(orderId));

        assertThat(eventsOf(orderId)).extracting(Object::getClass).containsExactly(OrderPlacedEvent.class,
                OrderStockReservedEvent.class, OrderPaymentAuthorizedEvent.class, OrderShipmentScheduledEvent.class,
                OrderCompletedEvent.class);
        assertThat(eventsOf(paymentId)).singleElement().isInstanceOf(PaymentAuthorizedEvent.class);
        assertThat(eventsOf(sku)).last().isEqualTo(new StockCommittedEvent(sku, orderId, 2, 3, 0));
    }

    @Test
    void refusesCustomerCommandsWithBusinessErrorDetails() {
        OrderId orderId = OrderId.random();
        PlaceOrderCommand unknownProduct = new PlaceOrderCommand(orderId, new CustomerId("c-2"),
                List.of(new OrderLine(new Sku("NEVER-REGISTERED"), 1, BigDecimal.ONE)), "EUR", ADDRESS, Instant.now());

        CommandExecutionException placing = catchThrowableOfType(CommandExecutionException.class,
                () -> commands.sendAndWait(unknownProduct));
        CommandExecutionException restocking = catchThrowableOfType(CommandExecutionException.class,
                () -> commands.sendAndWait(new RestockCommand(new Sku("NEVER-REGISTERED"), 1)));

        assertThat(placing.getDetails()).contains(
                new BusinessError(ErrorCode.UNKNOWN_SKU, "Unknown SKU NEVER-REGISTERED"));
        assertThat(restocking.getDetails()).contains(
                new BusinessError(ErrorCode.UNKNOWN_SKU, "Unknown SKU NEVER-REGISTERED"));
        assertThat(eventsOfOrderOrNone(orderId)).isEmpty();
    }

    private List<Object> eventsOfOrderOrNone(OrderId orderId) {
        return storage.readEvents(orderId.toString(), 0).asStream().map(m -> (Object) m.getPayload()).toList();
    }

    @Test
    void compensatesAPaymentThroughTheSimulatedProvider() {
        OrderId orderId = OrderId.random();
        PaymentId paymentId = PaymentId.forOrder(orderId);
        long refundsBefore = paymentGateway.refundCount();

        commands.sendAndWait(new AuthorizePaymentCommand(paymentId, orderId, Money.of("9.99", "EUR")));
        commands.sendAndWait(new RefundPaymentCommand(paymentId, orderId, "order cancelled"));

        assertThat(paymentGateway.refundCount()).isEqualTo(refundsBefore + 1);
        assertThat(paymentGateway.refunds()).last().extracting(SimulatedPaymentGateway.SimulatedRefund::paymentId)
                .isEqualTo(paymentId);
    }

    @Test
    void keepsTheAggregatesACommandUsedInTheirCaches() {
        Sku sku = new Sku("WIRING-3");
        OrderId orderId = OrderId.random();
        commands.sendAndWait(new RegisterProductCommand(sku, "Cached widget", 5));
        commands.sendAndWait(new PlaceOrderCommand(orderId, new CustomerId("c-3"),
                List.of(new OrderLine(sku, 1, BigDecimal.ONE)), "EUR", ADDRESS, Instant.parse("2025-03-01T10:00:00Z")));
        commands.sendAndWait(new ReserveStockCommand(sku, orderId, 1));

        assertThat(productCache.containsKey(sku.toString())).isTrue();
        assertThat(orderCache.containsKey(orderId.toString())).isTrue();
        assertThat(productCache.containsKey(orderId.toString())).as("one cache per aggregate type").isFalse();
    }

    @Test
    void snapshotsProductsAtTheConfiguredThreshold() {
        Sku sku = new Sku("WIRING-2");
        commands.sendAndWait(new RegisterProductCommand(sku, "Snapshot widget", 1));
        for (int i = 0; i < 4; i++) {
            commands.sendAndWait(new RestockCommand(sku, 1));
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(storage.readSnapshot(sku.toString())).isPresent());
    }
}
