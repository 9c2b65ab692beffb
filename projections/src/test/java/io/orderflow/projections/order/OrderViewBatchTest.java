package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.JdbcStatementCounter;
import io.orderflow.projections.support.ReadModelBatch;
import java.util.UUID;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionDefinition;
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
 * ledger marks and order rows looked up with one query each, the events applied in memory, and the rows
 * written with plain JDBC batches on the transaction's own connection. Same outcome as one delivery per
 * transaction, with a handful of statements per batch instead of several per event, and no Hibernate work.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.properties.hibernate.generate_statistics=true",
        "logging.level.org.hibernate.engine.internal.StatisticalLoggingSessionEventListener=WARN"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({OrderViewUpdater.class, OrderQueryHandler.class, ProcessedEvents.class, JdbcStatementCounter.class})
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

    @Autowired
    private JdbcStatementCounter statements;

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
    void aBatchCostsAHandfulOfStatementsAndNoHibernateWork() {
        List<DeliveredEvent> story = new ArrayList<>();
        story.add(event(placed(), orderId));
        story.add(event(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET));
        story.add(event(new OrderStockReservedEvent(orderId), orderId));
        story.add(event(new PaymentAuthorizedEvent(paymentId, orderId, total, "AUTH-1"), paymentId));
        story.add(event(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId));
        List<DeliveredEvent> rest = List.of(
                event(new ShipmentScheduledEvent(shipmentId, orderId, "Parcelo", "TRK-1"), shipmentId),
                event(new OrderShipmentScheduledEvent(orderId, shipmentId, "TRK-1"), orderId),
                event(new StockCommittedEvent(WIDGET, orderId, 2, 8, 0), WIDGET),
                event(new OrderCompletedEvent(orderId), orderId));
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        statements.reset();

        applyInOneTransaction(story);

        // one claim of the ledger marks (a JDBC batch on H2), the order look-up, then one JDBC batch each for the new
        // order and the history rows (a ledger look-up query before step 20; Hibernate before: 7 with the
        // prefetch, about 20 without)
        assertThat(statements.executions()).as("statements for %s events of a new order", story.size()).isEqualTo(4);
        statements.reset();

        applyInOneTransaction(rest);

        // the same for an order placed in an earlier batch, with an update instead of the insert
        assertThat(statements.executions()).as("statements for %s events of a known order", rest.size()).isEqualTo(4);
        assertThat(statistics.getPrepareStatementCount()).as("statements through Hibernate").isZero();
        assertThat(statistics.getEntityLoadCount()).as("entities loaded").isZero();
        assertThat(statistics.getFlushCount()).as("Hibernate flushes").isZero();
        assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.history()).hasSize(story.size() + rest.size());
        });
    }

    @Test
    void severalEventsOfOneOrderInOneBatchEndInTheLastStatusWithTheHistoryInEventOrder() {
        // every event of the batch at the same instant: the history's order is the order of the batch
        Instant instant = PLACED_AT.plusSeconds(60);
        EventMeta reservedMeta = new EventMeta(UUID.randomUUID().toString(), instant, 1L);
        List<DeliveredEvent> batch = List.of(
                new DeliveredEvent(placed(), new EventMeta(UUID.randomUUID().toString(), instant, 0L)),
                new DeliveredEvent(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), new EventMeta(UUID.randomUUID().toString(), instant, 0L)),
                new DeliveredEvent(new OrderStockReservedEvent(orderId), reservedMeta),
                new DeliveredEvent(new OrderCancellationRequestedEvent(orderId, ReasonCode.CUSTOMER_CANCELLED, null,
                        OrderStatus.STOCK_RESERVED), new EventMeta(UUID.randomUUID().toString(), instant, 2L)),
                // a step the order aggregate applied before the cancellation request, delivered late
                new DeliveredEvent(new OrderPaymentAuthorizedEvent(orderId, paymentId, total),
                        new EventMeta(UUID.randomUUID().toString(), instant, 1L)),
                new DeliveredEvent(new StockReleasedEvent(WIDGET, orderId, 2, 10, 0), new EventMeta(UUID.randomUUID().toString(), instant, 1L)),
                new DeliveredEvent(new OrderCancelledEvent(orderId, new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed my mind")),
                        new EventMeta(UUID.randomUUID().toString(), instant, 3L)),
                // a fulfilment step after the terminal status, with a newer sequence: the status stays
                new DeliveredEvent(new OrderCompletedEvent(orderId), new EventMeta(UUID.randomUUID().toString(), instant, 4L)));

        assertThat(applyInOneTransaction(batch)).containsOnly(true);

        OrderDetails order = queries.handle(new FindOrderQuery(orderId)).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo(new FailureReason(ReasonCode.CUSTOMER_CANCELLED, "changed my mind"));
        assertThat(order.updatedAt()).isEqualTo(instant);
        assertThat(order.history()).extracting(HistoryEntry::eventType).containsExactly(
                "OrderPlacedEvent", "StockReservedEvent", "OrderStockReservedEvent", "OrderCancellationRequestedEvent",
                "OrderPaymentAuthorizedEvent", "StockReleasedEvent", "OrderCancelledEvent", "OrderCompletedEvent");
        assertThat(jdbc.queryForObject("select last_event_sequence from order_view where order_id = ?", Long.class,
                orderId.toString())).isEqualTo(4L);
    }

    @Test
    void newAndKnownOrdersInOneBatchWithEventsAppliedInEarlierBatchesAndTwiceInThisOne() {
        OrderId newOrder = OrderId.random();
        DeliveredEvent placed = event(placed(), orderId);
        DeliveredEvent reserved = event(new OrderStockReservedEvent(orderId), orderId);
        applyInOneTransaction(List.of(placed, reserved));
        DeliveredEvent newPlaced = event(placed(newOrder), newOrder);
        DeliveredEvent newReserved = event(new OrderStockReservedEvent(newOrder), newOrder);

        List<Boolean> applied = applyInOneTransaction(List.of(
                reserved,
                newPlaced,
                event(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId),
                newReserved,
                newReserved,
                placed,
                newPlaced));

        assertThat(applied).containsExactly(false, true, true, true, false, false, false);
        assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
            assertThat(order.history()).extracting(HistoryEntry::eventType)
                    .containsExactly("OrderPlacedEvent", "OrderStockReservedEvent", "OrderPaymentAuthorizedEvent");
        });
        assertThat(queries.handle(new FindOrderQuery(newOrder))).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
            assertThat(order.history()).extracting(HistoryEntry::eventType)
                    .containsExactly("OrderPlacedEvent", "OrderStockReservedEvent");
        });
        assertThat(jdbc.queryForObject("select count(*) from processed_event where processor = ?", Integer.class,
                OrderViewUpdater.PROCESSOR)).isEqualTo(5);
    }

    @Test
    void rolledBackBatchLeavesNothingAndItsRedeliveryIsApplied() {
        List<DeliveredEvent> batch = List.of(
                event(placed(), orderId),
                event(new StockReservedEvent(WIDGET, orderId, 2, 10, 2), WIDGET),
                event(new OrderStockReservedEvent(orderId), orderId));

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            ReadModelBatch written = updater.begin(batch);
            batch.forEach(event -> written.apply(event.payload(), event.meta()));
            written.write();
            // the JDBC writes are on the JPA transaction's connection: a JPA query in it sees them
            assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order ->
                    assertThat(order.history()).hasSize(3));
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select count(*) from order_view", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from order_history", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_event", Integer.class)).isZero();

        assertThat(applyInOneTransaction(batch)).containsOnly(true);
        assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.STOCK_RESERVED);
            assertThat(order.history()).hasSize(3);
        });
    }

    @Test
    void aRowAnotherTransactionChangedSinceTheLookUpFailsTheBatchAsAConcurrencyConflict() {
        applyInOneTransaction(List.of(event(placed(), orderId)));
        DeliveredEvent reserved = event(new OrderStockReservedEvent(orderId), orderId);
        DeliveredEvent authorised = event(new OrderPaymentAuthorizedEvent(orderId, paymentId, total), orderId);
        TransactionTemplate other = new TransactionTemplate(transactionManager);
        other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            ReadModelBatch batch = updater.begin(List.of(authorised));
            // a consumer that held the partition before a rebalance commits a change of the same order
            other.executeWithoutResult(inner -> updater.apply(reserved.payload(), reserved.meta()));
            batch.apply(authorised.payload(), authorised.meta());
            batch.write();
        })).isInstanceOf(ConcurrencyFailureException.class);

        assertThat(processedEvents.isProcessed(OrderViewUpdater.PROCESSOR, authorised.meta().eventId())).isFalse();
        // the feed's retry starts from the row as it is now
        assertThat(applyInOneTransaction(List.of(authorised))).containsExactly(true);
        assertThat(queries.handle(new FindOrderQuery(orderId))).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_AUTHORIZED);
            assertThat(order.history()).extracting(HistoryEntry::eventType)
                    .containsExactly("OrderPlacedEvent", "OrderStockReservedEvent", "OrderPaymentAuthorizedEvent");
        });
    }

    @Test
    void aBatchNeedsATransaction() {
        assertThatThrownBy(() -> updater.begin(List.of(event(placed(), orderId))))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void historyIdsComeFromTheSequenceLikeThoseOfRowsInsertedByHand() {
        applyInOneTransaction(List.of(event(placed(), orderId), event(new OrderStockReservedEvent(orderId), orderId)));
        // a row inserted without an id, as a build that handed out ids in pooled blocks would not
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

    private List<Boolean> applyInOneTransaction(List<DeliveredEvent> events) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            ReadModelBatch batch = updater.begin(events);
            List<Boolean> applied = events.stream().map(event -> batch.apply(event.payload(), event.meta())).toList();
            batch.write();
            return applied;
        });
    }

    private DeliveredEvent event(Object payload, Object aggregateId) {
        return new DeliveredEvent(payload, feed.next(aggregateId));
    }

    private OrderPlacedEvent placed() {
        return placed(orderId);
    }

    private OrderPlacedEvent placed(OrderId orderId) {
        return new OrderPlacedEvent(orderId, new CustomerId("C-1001"),
                List.of(new OrderLine(WIDGET, 2, new BigDecimal("15.00"))), total,
                new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London", "N1 9GU", "GB"), PLACED_AT);
    }
}
