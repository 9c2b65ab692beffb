package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.FindOrdersQuery;
import io.orderflow.api.order.OrderCancelledEvent;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderList;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.inventory.Sku;
import io.orderflow.projections.support.DeliveredEvent;
import io.orderflow.projections.support.ProcessedEvents;
import io.orderflow.projections.support.ReadModelBatch;
import io.orderflow.projections.support.TestEventFeed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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

/** The order queries on H2 with the real migration, directly and through an Axon query bus. */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({OrderViewUpdater.class, OrderQueryHandler.class, ProcessedEvents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OrderQueryHandlerTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @Autowired
    private OrderViewUpdater updater;

    @Autowired
    private OrderQueryHandler queries;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private final TestEventFeed feed = new TestEventFeed(START);

    @BeforeEach
    void emptyTheView() {
        updater.reset();
    }

    @Test
    void unknownOrderIsEmpty() {
        assertThat(queries.handle(new FindOrderQuery(OrderId.random()))).isEmpty();
    }

    @Test
    void listsNewestOrdersFirst() {
        OrderId first = place(START.plusSeconds(10));
        OrderId third = place(START.plusSeconds(30));
        OrderId second = place(START.plusSeconds(20));

        OrderList list = queries.handle(new FindOrdersQuery(null, 10));

        assertThat(list.orders()).extracting(OrderList.Summary::orderId).containsExactly(third, second, first);
        assertThat(list.orders().get(0).total()).isEqualTo(Money.of("12.50", "EUR"));
        assertThat(list.orders().get(0).customerId()).isEqualTo(new CustomerId("C-7"));
    }

    @Test
    void filtersByStatusAndShowsTheReasonCode() {
        place(START.plusSeconds(10));
        OrderId cancelled = place(START.plusSeconds(20));
        place(START.plusSeconds(30));
        updater.apply(new OrderCancelledEvent(cancelled, new FailureReason(ReasonCode.PAYMENT_TIMEOUT, "no answer in 30s")),
                feed.next(cancelled));

        OrderList list = queries.handle(new FindOrdersQuery(OrderStatus.CANCELLED, 10));

        assertThat(list.orders()).singleElement().satisfies(summary -> {
            assertThat(summary.orderId()).isEqualTo(cancelled);
            assertThat(summary.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(summary.reason()).isEqualTo(ReasonCode.PAYMENT_TIMEOUT);
        });
        assertThat(queries.handle(new FindOrdersQuery(OrderStatus.PENDING, 10)).orders()).hasSize(2);
        assertThat(queries.handle(new FindOrdersQuery(OrderStatus.COMPLETED, 10)).orders()).isEmpty();
    }

    @Test
    void returnsAtMostTheRequestedNumberOfNewestOrders() {
        place(START.plusSeconds(10));
        OrderId second = place(START.plusSeconds(20));
        OrderId third = place(START.plusSeconds(30));

        assertThat(queries.handle(new FindOrdersQuery(null, 2)).orders())
                .extracting(OrderList.Summary::orderId).containsExactly(third, second);
        assertThat(queries.handle(new FindOrdersQuery(null, 0)).orders())
                .extracting(OrderList.Summary::orderId).containsExactly(third);
    }

    @Test
    void capsTheLimitAtFiveHundred() {
        // seeded in one batch: 505 placements cost a handful of statements
        List<DeliveredEvent> placements = new ArrayList<>();
        for (int i = 0; i < OrderQueryHandler.MAX_LIMIT + 5; i++) {
            OrderId orderId = OrderId.random();
            placements.add(new DeliveredEvent(new OrderPlacedEvent(orderId, new CustomerId("C-7"),
                    List.of(new OrderLine(new Sku("SKU-1"), 1, new BigDecimal("12.50"))), Money.of("12.50", "EUR"),
                    new ShippingAddress("A", "B", "C", "D", "NL"), START.plusSeconds(i)), feed.next(orderId)));
        }
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            ReadModelBatch batch = updater.begin(placements);
            placements.forEach(event -> batch.apply(event.payload(), event.meta()));
            batch.write();
        });

        assertThat(queries.handle(new FindOrdersQuery(null, 10_000)).orders()).hasSize(OrderQueryHandler.MAX_LIMIT);
    }

    @Test
    void answersThroughAnAxonQueryBusWithOptionalResponseTypes() throws Exception {
        OrderId known = place(START.plusSeconds(10));
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(queries).subscribe(queryBus);
        QueryGateway gateway = DefaultQueryGateway.builder().queryBus(queryBus).build();

        Optional<OrderDetails> found = gateway.query(new FindOrderQuery(known),
                ResponseTypes.optionalInstanceOf(OrderDetails.class)).get();
        Optional<OrderDetails> missing = gateway.query(new FindOrderQuery(OrderId.random()),
                ResponseTypes.optionalInstanceOf(OrderDetails.class)).get();
        OrderList list = gateway.query(new FindOrdersQuery(null, 5), ResponseTypes.instanceOf(OrderList.class)).get();

        assertThat(found).map(OrderDetails::orderId).contains(known);
        assertThat(missing).isEmpty();
        assertThat(list.orders()).extracting(OrderList.Summary::orderId).containsExactly(known);
    }

    @Test
    void totalReadsBackInTheCurrencyScale() {
        assertThat(OrderQueryHandler.currencyScale(new BigDecimal("60.0000"), "EUR")).isEqualTo(new BigDecimal("60.00"));
        assertThat(OrderQueryHandler.currencyScale(new BigDecimal("12.3450"), "EUR")).isEqualTo(new BigDecimal("12.345"));
        assertThat(OrderQueryHandler.currencyScale(new BigDecimal("500.0000"), "JPY")).isEqualTo(new BigDecimal("500"));
        assertThat(OrderQueryHandler.currencyScale(new BigDecimal("1.5000"), "XXQ")).isEqualTo(new BigDecimal("1.50"));
    }

    private OrderId place(Instant placedAt) {
        OrderId orderId = OrderId.random();
        List<OrderLine> lines = new ArrayList<>();
        lines.add(new OrderLine(new Sku("SKU-1"), 1, new BigDecimal("12.50")));
        updater.apply(new OrderPlacedEvent(orderId, new CustomerId("C-7"), lines, Money.of("12.50", "EUR"),
                new ShippingAddress("A", "B", "C", "D", "NL"), placedAt), feed.next(orderId));
        return orderId;
    }
}
