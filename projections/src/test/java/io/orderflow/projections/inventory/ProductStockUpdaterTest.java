package io.orderflow.projections.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.FindProductsQuery;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.EventMeta;
import io.orderflow.projections.support.JdbcStatementCounter;
import io.orderflow.projections.support.ProcessedEvents;
import io.orderflow.projections.support.ReadModelBatch;
import io.orderflow.projections.support.TestEventFeed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The product stock view and its queries on H2 with the real migration; every delivery commits on its own,
 * except in the batch tests, which apply several events in one transaction as the Kafka feed does.
 */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ProductStockUpdater.class, ProductQueryHandler.class, ProcessedEvents.class, JdbcStatementCounter.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ProductStockUpdaterTest {

    private static final Sku WIDGET = new Sku("WIDGET-1");

    @Autowired
    private ProductStockUpdater updater;

    @Autowired
    private ProductQueryHandler queries;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private JdbcStatementCounter statements;

    private final TestEventFeed feed = new TestEventFeed(Instant.parse("2025-03-01T10:00:00Z"));
    private final OrderId firstOrder = OrderId.random();
    private final OrderId secondOrder = OrderId.random();

    @BeforeEach
    void emptyTheView() {
        updater.reset();
    }

    @Test
    void showsTheLevelsAfterReserveReleaseAndCommit() {
        deliver(new ProductRegisteredEvent(WIDGET, "Widget", 10));
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 0, 10));

        deliver(new StockReservedEvent(WIDGET, firstOrder, 3, 10, 3));
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 3, 7));

        deliver(new StockReservedEvent(WIDGET, secondOrder, 2, 10, 5));
        deliver(new StockReleasedEvent(WIDGET, firstOrder, 3, 10, 2));
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 2, 8));

        deliver(new StockCommittedEvent(WIDGET, secondOrder, 2, 8, 0));
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 8, 0, 8));

        deliver(new StockRestockedEvent(WIDGET, 5, 13, 0));
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 13, 0, 13));
    }

    @Test
    void redeliveredEventChangesNothing() {
        deliver(new ProductRegisteredEvent(WIDGET, "Widget", 10));
        EventMeta reservation = feed.next(WIDGET);
        assertThat(updater.apply(new StockReservedEvent(WIDGET, firstOrder, 3, 10, 3), reservation)).isTrue();
        deliver(new StockReleasedEvent(WIDGET, firstOrder, 3, 10, 0));

        assertThat(updater.apply(new StockReservedEvent(WIDGET, firstOrder, 3, 10, 3), reservation)).isFalse();

        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 0, 10));
    }

    @Test
    void olderEventDeliveredLateDoesNotOverwriteNewerLevels() {
        deliver(new ProductRegisteredEvent(WIDGET, "Widget", 10));
        EventMeta olderReservation = feed.next(WIDGET);
        deliver(new StockReservedEvent(WIDGET, secondOrder, 2, 10, 2));

        assertThat(updater.apply(new StockReservedEvent(WIDGET, firstOrder, 4, 10, 6), olderReservation)).isFalse();

        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 2, 8));
    }

    @Test
    void ignoresEventsThatDoNotChangeLevels() {
        deliver(new ProductRegisteredEvent(WIDGET, "Widget", 10));

        assertThat(updater.apply(new StockReservationRejectedEvent(WIDGET, firstOrder, 50, 10, "insufficient stock"),
                feed.next(WIDGET))).isFalse();

        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 0, 10));
    }

    @Test
    void keepsTheLevelsOfAReservationThatOvertookTheProductRegistration() {
        Sku ghost = new Sku("GHOST-9");
        EventMeta registration = feed.next("GHOST-9");
        EventMeta reservation = feed.next("GHOST-9");

        assertThat(updater.apply(new StockReservedEvent(ghost, firstOrder, 1, 5, 1), reservation)).isTrue();
        assertThat(queries.handle(new FindProductQuery(ghost))).contains(new ProductStock(ghost, null, 5, 1, 4));

        assertThat(updater.apply(new ProductRegisteredEvent(ghost, "Ghost", 5), registration)).isTrue();
        assertThat(queries.handle(new FindProductQuery(ghost))).contains(new ProductStock(ghost, "Ghost", 5, 1, 4));
    }

    @Test
    void aBatchAppliesEveryEventOfItsProductsInMemoryAndWritesEachRowOnce() {
        Sku gadget = new Sku("GADGET-2");
        deliver(new ProductRegisteredEvent(WIDGET, "Widget", 10));
        DeliveredEvent widgetReserved = new DeliveredEvent(new StockReservedEvent(WIDGET, firstOrder, 3, 10, 3), feed.next(WIDGET));
        DeliveredEvent gadgetRegistered = new DeliveredEvent(new ProductRegisteredEvent(gadget, "Gadget", 5), feed.next(gadget));
        DeliveredEvent lateWidgetReservation = new DeliveredEvent(new StockReservedEvent(WIDGET, secondOrder, 1, 10, 1),
                feed.next(WIDGET));
        DeliveredEvent widgetSecondReserved = new DeliveredEvent(new StockReservedEvent(WIDGET, secondOrder, 2, 10, 5),
                feed.next(WIDGET));
        DeliveredEvent gadgetReserved = new DeliveredEvent(new StockReservedEvent(gadget, firstOrder, 1, 5, 1), feed.next(gadget));
        statements.reset();

        List<Boolean> applied = applyInOneTransaction(List.of(
                widgetReserved,
                gadgetRegistered,
                widgetSecondReserved,
                widgetReserved,
                lateWidgetReservation,
                new DeliveredEvent(new StockReservationRejectedEvent(WIDGET, firstOrder, 50, 5, "insufficient stock"),
                        feed.next(WIDGET)),
                gadgetReserved));

        assertThat(applied).containsExactly(true, true, true, false, false, false, true);
        // one claim of the ledger marks (a JDBC batch on H2), the product look-up, one JDBC batch each for the new product
        // and the levels
        assertThat(statements.executions()).isEqualTo(4);
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 5, 5));
        assertThat(stock(gadget)).isEqualTo(new ProductStock(gadget, "Gadget", 5, 1, 4));
        assertThat(applyInOneTransaction(List.of(widgetSecondReserved, gadgetReserved))).containsExactly(false, false);
    }

    @Test
    void aRegistrationBehindItsStockEventsInOneBatchNamesTheProductAndKeepsTheNewerLevels() {
        Sku ghost = new Sku("GHOST-9");
        DeliveredEvent registration = new DeliveredEvent(new ProductRegisteredEvent(ghost, "Ghost", 5), feed.next(ghost));
        DeliveredEvent reservation = new DeliveredEvent(new StockReservedEvent(ghost, firstOrder, 1, 5, 1), feed.next(ghost));
        DeliveredEvent release = new DeliveredEvent(new StockReleasedEvent(ghost, firstOrder, 1, 5, 0), feed.next(ghost));
        DeliveredEvent second = new DeliveredEvent(new StockReservedEvent(ghost, secondOrder, 2, 5, 2), feed.next(ghost));

        assertThat(applyInOneTransaction(List.of(release))).containsExactly(true);
        assertThat(applyInOneTransaction(List.of(reservation, registration, second))).containsExactly(false, true, true);

        assertThat(stock(ghost)).isEqualTo(new ProductStock(ghost, "Ghost", 5, 2, 3));
    }

    @Test
    void rolledBackBatchLeavesNoLevelsAndNoMarks() {
        DeliveredEvent registration = new DeliveredEvent(new ProductRegisteredEvent(WIDGET, "Widget", 10), feed.next(WIDGET));
        DeliveredEvent reservation = new DeliveredEvent(new StockReservedEvent(WIDGET, firstOrder, 3, 10, 3), feed.next(WIDGET));

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            ReadModelBatch batch = updater.begin(List.of(registration, reservation));
            batch.apply(registration.payload(), registration.meta());
            batch.apply(reservation.payload(), reservation.meta());
            batch.write();
            status.setRollbackOnly();
        });

        assertThat(queries.handle(new FindProductQuery(WIDGET))).isEmpty();
        assertThat(applyInOneTransaction(List.of(registration, reservation))).containsExactly(true, true);
        assertThat(stock(WIDGET)).isEqualTo(new ProductStock(WIDGET, "Widget", 10, 3, 7));
    }

    @Test
    void catalogueIsOrderedBySku() {
        deliver(new ProductRegisteredEvent(new Sku("SKU-C"), "Charlie", 3));
        deliver(new ProductRegisteredEvent(new Sku("SKU-A"), "Alpha", 1));
        deliver(new ProductRegisteredEvent(new Sku("SKU-B"), "Bravo", 2));

        assertThat(queries.handle(new FindProductsQuery()).products())
                .extracting(ProductStock::sku)
                .containsExactly(new Sku("SKU-A"), new Sku("SKU-B"), new Sku("SKU-C"));
    }

    @Test
    void answersThroughAnAxonQueryBusWithOptionalResponseTypes() throws Exception {
        deliver(new ProductRegisteredEvent(WIDGET, "Widget", 10));
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(queries).subscribe(queryBus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();

        Optional<ProductStock> found = gateway.query(new FindProductQuery(WIDGET),
                ResponseTypes.optionalInstanceOf(ProductStock.class)).get();
        Optional<ProductStock> missing = gateway.query(new FindProductQuery(new Sku("NOPE")),
                ResponseTypes.optionalInstanceOf(ProductStock.class)).get();

        assertThat(found).contains(new ProductStock(WIDGET, "Widget", 10, 0, 10));
        assertThat(missing).isEmpty();
    }

    private void deliver(Object event) {
        Object sku = event instanceof ProductRegisteredEvent registered ? registered.sku() : skuOf(event);
        assertThat(updater.apply(event, feed.next(sku))).as("applied %s", event).isTrue();
    }

    private static Sku skuOf(Object event) {
        if (event instanceof StockReservedEvent e) {
            return e.sku();
        }
        if (event instanceof StockReleasedEvent e) {
            return e.sku();
        }
        if (event instanceof StockCommittedEvent e) {
            return e.sku();
        }
        if (event instanceof StockRestockedEvent e) {
            return e.sku();
        }
        throw new IllegalArgumentException("not a stock event: " + event);
    }

    private List<Boolean> applyInOneTransaction(List<DeliveredEvent> events) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            ReadModelBatch batch = updater.begin(events);
            List<Boolean> applied = events.stream().map(event -> batch.apply(event.payload(), event.meta())).toList();
            batch.write();
            return applied;
        });
    }

    private ProductStock stock(Sku sku) {
        return queries.handle(new FindProductQuery(sku)).orElseThrow();
    }
}
