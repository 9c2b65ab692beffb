package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.OrderCompletedEvent;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderDetails.HistoryEntry;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderPaymentAuthorizedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderShipmentScheduledEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.OrderStockReservedEvent;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.ProcessedEvents;
import io.orderflow.projections.support.TestEventFeed;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order view fed in batches, as the Kafka listener feeds it: one transaction per batch, the batch's
 * ledger marks and order rows prefetched, history rows inserted in JDBC batches. Same outcome as one
 * delivery per transaction, with a handful of statements per batch instead of several per event.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.properties.hibernate.jdbc.batch_size=50",
        "spring.jpa.properties.hibernate.order_inserts=true",
        "spring.jpa.properties.hibernate.order_updates=true",
        "spring.jpa.properties.hibernate.generate_statistics=true",
        "logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=WARN"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({OrderViewUpdater.class, OrderQueryHandler.class, ProcessedEvents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OrderViewBatchTest {

    private static final Sku WIDGET = new Sku("WIDGET-1");
    private static final Instant PLACED_AT = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private OrderViewUpdater updater;

    @Autowired
    private OrderQueryHandler queries;

    @Autowired
    private ProcessedEvents processedEvents;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Autowired
    private JdbcTemplate jdbc;

    private final TestEventFeed feed = new TestEventFeed(PLACED_AT);
    private final OrderId orderId = OrderId.random();
    private final PaymentId paymentId = PaymentId.forOrder(orderId);
    private final ShipmentId shipmentId = ShipmentId.forOrder(orderId);
    private final Money total = Money.of("30.00", "EUR");

    @BeforeEach
    void emptyTheView() {
        updater.reset();
    }

    @Test
    void batchesEndLikeSingleDeliveriesWithDuplicatesSkippedAndOrdersPlacedInAnEarlierBatch() {
        OrderId unknownOrder = OrderId.random();
        DeliveredEvent placed = event(placed(), orderId);
        DeliveredEvent reserved = event(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET);
        DeliveredEvent confirmed = event(new OrderStockReservedEvent(orderId), orderId);
        List<DeliveredEvent> first = List.of(
                placed,
                reserved,
                confirmed,
                confirmed,
                event(new OrderStockReservedEvent(unknownOrder), unknownOrder));
        List<DeliveredEvent> second = List.of(
                placed,
                event(new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-1"), paymentId),
                event(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId),
                event(new ShipmentScheduledEvent(shipmentId, orderId, "Parcelo", "TRK-1"), shipmentId),
                event(new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-1"), orderId),
                event(new StockCommittedEvent(WIDGET, orderId, 2, 8, 0), WIDGET),
                event(new OrderCompletedEvent(orderId), orderId));

        assertThat(applyInOneTransaction(first)).containsExactly(true, true, true, false, true);
        assertThat(applyInOneTransaction(second)).containsExactly(false, true, true, true, true, true, true);

        OrderDetails order = queries.handle(new FindOrderQuery(orderId)).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly(
                "OrderPlacedEvent", "StockReservedEvent", "OrderStockReservedEvent", "PaymentAuthorizedEvent",
                "OrderPaymentAuthorizedEvent", "ShipmentScheduledEvent", "OrderShipmentScheduledEvent",
                "StockCommittedEvent", "OrderCompletedEvent");
        assertThat(queries.handle(new FindOrderQuery(unknownOrder))).as("a status event without its order").isEmpty();
        assertThat(processedEvents.isProcessed(OrderViewUpdater.PROCESSOR, confirmed.meta().eventId())).isTrue();
    }

    @Test
    void aBatchCostsAHandfulOfStatementsNotSeveralPerEvent() {
        List<DeliveredEvent> story = new ArrayList<>();
        story.add(event(placed(), orderId));
        story.add(event(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET));
        story.add(event(new OrderStockReservedEvent(orderId), orderId));
        story.add(event(new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-1"), paymentId));
        story.add(event(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId));
        story.add(event(new ShipmentScheduledEvent(shipmentId, orderId, "Parcelo", "TRK-1"), shipmentId));
        story.add(event(new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-1"), orderId));
        story.add(event(new StockCommittedEvent(WIDGET, orderId, 2, 8, 0), WIDGET));
        story.add(event(new OrderCompletedEvent(orderId), orderId));
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();

        applyInOneTransaction(story);

        // ledger prefetch, order prefetch, one sequence call (two when a block of 50 ids runs out), one
        // JDBC batch each for the ledger marks, the history rows and the new order, one order update
        // (measured: 7; 14 without the prefetch; about 20 before, with one look-up and one history insert
        // per event)
        assertThat(statistics.getPrepareStatementCount()).as("statements for %s events", story.size())
                .isLessThanOrEqualTo(8);
        assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.history()).hasSize(story.size());
        });
    }

    @Test
    void historyRowsInsertedWithoutAnIdTakeIdsHibernateNeverHandsOut() {
        applyInOneTransaction(List.of(event(placed(), orderId), event(new OrderStockReservedEvent(orderId), orderId)));
        // as the IDENTITY mapping (META-INF/orderflow-projections-history-identity-orm.xml) inserts a row
        jdbc.update("insert into order_history (order_id, event_id, occurred_at, event_type, description)"
                + " values (?, ?, ?, ?, ?)", orderId.toString(), "manual-" + orderId, java.sql.Timestamp.from(feed.now()),
                "ManualEvent", "inserted without an id");
        applyInOneTransaction(List.of(event(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId)));

        List<Long> ids = jdbc.queryForList("select id from order_history where order_id = ?", Long.class, orderId.toString());
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
        assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order ->
                assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly(
                        "OrderPlacedEvent", "OrderStockReservedEvent", "ManualEvent", "OrderPaymentAuthorizedEvent"));
    }

    private List<Boolean> applyInOneTransaction(List<DeliveredEvent> batch) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            updater.prefetch(batch);
            return batch.stream().map(event -> updater.apply(event.payload(), event.meta())).toList();
        });
    }

    private DeliveredEvent event(Object payload, Object aggregateId) {
        return new DeliveredEvent(payload, feed.next(aggregateId));
    }

    private OrderPlacedEvent placed() {
        return new OrderPlacedEvent(orderId, new CustomerId("C-1001"),
                List.of(new OrderLine(WIDGET, 2, new BigDecimal("15.00"))), total,
                new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB"), PLACED_AT);
    }
}
