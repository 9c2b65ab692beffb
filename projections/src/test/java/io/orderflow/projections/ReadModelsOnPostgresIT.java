package io.orderflow.projections;

import io.orderflow.projections.support.EmbeddedPostgresDataSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.FindProductsQuery;
import io.orderflow.api.inventory.ProductCatalogue;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.FindOrdersQuery;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderDetails.HistoryEntry;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderList;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentDeclinedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.projections.inventory.ProductStockUpdater;
import io.orderflow.projections.order.OrderViewUpdater;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The module as the application runs it with the Axon feed ({@code orderflow.projections.feed=axon}),
 * on a real PostgreSQL: the Flyway migration, Hibernate validating the mappings against it, the
 * pooled streaming processors reading Axon's event store,
 * the thin adapters, and the query handlers answering through Axon's query bus. Axon's storage
 * (owned by the application) is in memory here.
 */
@SpringBootTest(
        classes = {ProjectionsTestApplication.class, ReadModelsOnPostgresIT.Infrastructure.class},
        properties = {
                "axon.serializer.general=jackson",
                "orderflow.projections.feed=axon",
                "orderflow.projections.axon-feed.batch-size=10",
                "orderflow.projections.axon-feed.initial-segment-count=2"
        })
class ReadModelsOnPostgresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Sku WIDGET = new Sku("WIDGET-1");
    private static final Sku GADGET = new Sku("GADGET-2");

    @Autowired
    private EventStore eventStore;

    @Autowired
    private QueryGateway queryGateway;

    @Autowired
    private EventProcessingConfiguration processing;

    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void eachReadModelHasItsOwnPooledStreamingProcessor() {
        assertThat(processing.eventProcessor(OrderViewUpdater.PROCESSOR, PooledStreamingEventProcessor.class)).isPresent();
        assertThat(processing.eventProcessor(ProductStockUpdater.PROCESSOR, PooledStreamingEventProcessor.class)).isPresent();
    }

    @Test
    void eventsInTheEventStoreReachBothReadModelsAndTheQueries() {
        OrderId completed = OrderId.random();
        OrderId cancelled = OrderId.random();
        registerProducts();
        publishHappyPath(completed);
        publishDeclinedPayment(cancelled);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(findOrder(completed)).hasValueSatisfying(order -> {
                assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
                assertThat(order.total()).isEqualTo(Money.of("40.00", "EUR"));
                assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly(
                        "OrderPlacedEvent", "StockReservedEvent", "StockReservedEvent", "OrderStockReservedEvent",
                        "PaymentAuthorizedEvent", "OrderPaymentAuthorizedEvent", "ShipmentScheduledEvent",
                        "OrderShipmentScheduledEvent", "StockCommittedEvent", "StockCommittedEvent", "OrderCompletedEvent");
            });
            assertThat(findOrder(cancelled)).hasValueSatisfying(order -> {
                assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
                assertThat(order.reason()).isEqualTo(new FailureReason(ReasonCode.PAYMENT_DECLINED, "card expired"));
                assertThat(order.history()).extracting(HistoryEntry::description).containsSubsequence(
                        "Payment declined: 40.00 EUR, reason: card expired",
                        "Stock released: 2 x WIDGET-1",
                        "Order cancelled (PAYMENT_DECLINED): card expired");
            });
            assertThat(queryGateway.query(new FindProductQuery(WIDGET), ResponseTypes.optionalInstanceOf(ProductStock.class)).join())
                    .contains(new ProductStock(WIDGET, "Widget", 8, 0, 8));
        });

        OrderList cancelledOrders = queryGateway.query(new FindOrdersQuery(OrderStatus.CANCELLED, 50),
                ResponseTypes.instanceOf(OrderList.class)).join();
        assertThat(cancelledOrders.orders()).extracting(OrderList.Summary::orderId).contains(cancelled).doesNotContain(completed);
        ProductCatalogue catalogue = queryGateway.query(new FindProductsQuery(), ResponseTypes.instanceOf(ProductCatalogue.class)).join();
        assertThat(catalogue.products()).extracting(ProductStock::sku).containsSubsequence(GADGET, WIDGET);
    }

    @Test
    void resettingTheProcessorRebuildsTheOrderViewWithoutDuplicates() {
        OrderId orderId = OrderId.random();
        registerProducts();
        publishHappyPath(orderId);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(findOrder(orderId)).hasValueSatisfying(order -> assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED)));
        OrderDetails before = findOrder(orderId).orElseThrow();

        PooledStreamingEventProcessor processor =
                processing.eventProcessor(OrderViewUpdater.PROCESSOR, PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(findOrder(orderId)).contains(before));
    }

    private Optional<OrderDetails> findOrder(OrderId orderId) {
        return queryGateway.query(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderDetails.class)).join();
    }

    private void registerProducts() {
        if (!sequences.containsKey(WIDGET.value())) {
            publish("Product", WIDGET, new ProductRegisteredEvent(WIDGET, "Widget", 10));
            publish("Product", GADGET, new ProductRegisteredEvent(GADGET, "Gadget", 10));
        }
    }

    private void publishHappyPath(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        ShipmentId shipmentId = ShipmentId.forOrder(orderId);
        Money total = Money.of("40.00", "EUR");
        publish("Order", orderId, placed(orderId, total));
        publish("Product", GADGET, new StockReservedEvent(GADGET, orderId, 1, 10, 1));
        publish("Product", WIDGET, new StockReservedEvent(WIDGET, orderId, 2, 10, 2));
        publish("Order", orderId, new OrderStockReservedEvent(orderId));
        publish("Payment", paymentId, new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-1"));
        publish("Order", orderId, new OrderPaymentAuthorizedEvent(orderId, paymentId, total));
        publish("Shipment", shipmentId, new ShipmentScheduledEvent(shipmentId, orderId, "Parcelo", "TRK-9"));
        publish("Order", orderId, new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-9"));
        publish("Product", GADGET, new StockCommittedEvent(GADGET, orderId, 1, 9, 0));
        publish("Product", WIDGET, new StockCommittedEvent(WIDGET, orderId, 2, 8, 0));
        publish("Order", orderId, new OrderCompletedEvent(orderId));
    }

    private void publishDeclinedPayment(OrderId orderId) {
        PaymentId paymentId = PaymentId.forOrder(orderId);
        Money total = Money.of("40.00", "EUR");
        publish("Order", orderId, placed(orderId, total));
        publish("Product", WIDGET, new StockReservedEvent(WIDGET, orderId, 2, 8, 2));
        publish("Order", orderId, new OrderStockReservedEvent(orderId));
        publish("Payment", paymentId, new PaymentDeclinedEvent(paymentId, orderId, total, "card expired"));
        publish("Product", WIDGET, new StockReleasedEvent(WIDGET, orderId, 2, 8, 0));
        publish("Order", orderId, new OrderCancelledEvent(orderId, new FailureReason(ReasonCode.PAYMENT_DECLINED, "card expired")));
    }

    private OrderPlacedEvent placed(OrderId orderId, Money total) {
        return new OrderPlacedEvent(orderId, new CustomerId("C-42"),
                List.of(new OrderLine(WIDGET, 2, new BigDecimal("15.00")), new OrderLine(GADGET, 1, new BigDecimal("10.00"))),
                total, new ShippingAddress("Grace Hopper", "1 Compiler Road", "Arlington", "22201", "US"), clock);
    }

    /** Appends one event of one aggregate to the event store, as the aggregate would. */
    private void publish(String aggregateType, Object aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId.toString(), 0L, (previous, ignored) -> previous + 1);
        clock = clock.plusMillis(10);
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, payload));
    }

    /** A real PostgreSQL for the read models; Axon's own storage in memory. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import(EmbeddedPostgresDataSource.class)
    static class Infrastructure {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }

        @Bean
        TokenStore tokenStore() {
            return new InMemoryTokenStore();
        }
    }
}
