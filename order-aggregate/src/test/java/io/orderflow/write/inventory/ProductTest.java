package io.orderflow.write.inventory;

import static io.orderflow.write.support.BusinessErrorMatchers.businessError;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.CommitStockCommand;
import io.orderflow.api.inventory.ProductRegisteredEvent;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.inventory.StockCommittedEvent;
import io.orderflow.api.inventory.StockReleasedEvent;
import io.orderflow.api.inventory.StockReservationRejectedEvent;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.write.support.BusinessErrorInterceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every command path of {@link Product} (see the idempotency table). */
class ProductTest {

    private static final Sku SKU = new Sku("WIDGET-1");
    private static final OrderId ORDER = OrderId.of("a9a3e1f4-5b6c-4d7e-8f90-1a2b3c4d5e6f");
    private static final OrderId OTHER_ORDER = OrderId.of("b1b2c3d4-0000-4000-8000-000000000001");

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerCommandHandlerInterceptor(new BusinessErrorInterceptor());
        fixture.registerInjectableResource(OrderMemory.DEFAULT);
    }

    private static ProductRegisteredEvent registered(int stock) {
        return new ProductRegisteredEvent(SKU, "Widget", stock);
    }

    private static StockReservedEvent reserved(OrderId order, int quantity, int onHand, int reservedAfter) {
        return new StockReservedEvent(SKU, order, quantity, onHand, reservedAfter);
    }

    @Test
    void isSnapshottedWithTheInventorySnapshotTrigger() {
        assertThat(Product.class.getAnnotation(Aggregate.class).snapshotTriggerDefinition())
                .isEqualTo(InventoryConfiguration.SNAPSHOT_TRIGGER_DEFINITION);
    }

    @Nested
    class Registration {

        @Test
        void registersNewProductWithItsInitialStock() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProductCommand(SKU, "  Widget ", 10))
                    .expectEvents(new ProductRegisteredEvent(SKU, "Widget", 10))
                    .expectState(product -> {
                        assertThat(product.onHand()).isEqualTo(10);
                        assertThat(product.reserved()).isZero();
                    });
        }

        @Test
        void registersProductWithoutStock() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProductCommand(SKU, "Widget", 0))
                    .expectEvents(new ProductRegisteredEvent(SKU, "Widget", 0));
        }

        @Test
        void refusesSkuThatIsRegisteredAlready() {
            fixture.given(registered(10))
                    .when(new RegisterProductCommand(SKU, "Widget again", 5))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.PRODUCT_ALREADY_EXISTS, "WIDGET-1"))
                    .expectNoEvents();
        }

        @Test
        void refusesNegativeInitialStock() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProductCommand(SKU, "Widget", -1))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_QUANTITY))
                    .expectNoEvents();
        }

        @Test
        void refusesBlankOrMissingName() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProductCommand(SKU, "  ", 1))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_PRODUCT));
            fixture.givenNoPriorActivity()
                    .when(new RegisterProductCommand(SKU, null, 1))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_PRODUCT));
        }
    }

    @Nested
    class Restock {

        @Test
        void addsUnitsToTheStockOnHand() {
            fixture.given(registered(10), reserved(ORDER, 4, 10, 4))
                    .when(new RestockCommand(SKU, 5))
                    .expectEvents(new StockRestockedEvent(SKU, 5, 15, 4));
        }

        @Test
        void refusesQuantityBelowOne() {
            fixture.given(registered(10))
                    .when(new RestockCommand(SKU, 0))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_QUANTITY, "at least 1"))
                    .expectNoEvents();
        }

        @Test
        void refusesQuantityThatWouldOverflowTheStock() {
            fixture.given(registered(Integer.MAX_VALUE - 1))
                    .when(new RestockCommand(SKU, 2))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.INVALID_QUANTITY))
                    .expectNoEvents();
        }

        @Test
        void reportsUnknownSku() {
            fixture.givenNoPriorActivity()
                    .when(new RestockCommand(SKU, 5))
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(businessError(ErrorCode.UNKNOWN_SKU, "WIDGET-1"));
        }
    }

    @Nested
    class Reservation {

        @Test
        void reservesUnitsForAnOrder() {
            fixture.given(registered(10))
                    .when(new ReserveStockCommand(SKU, ORDER, 3))
                    .expectEvents(reserved(ORDER, 3, 10, 3))
                    .expectState(product -> assertThat(product.reserved()).isEqualTo(3));
        }

        @Test
        void reservesExactlyTheAvailableUnits() {
            fixture.given(registered(10), reserved(OTHER_ORDER, 6, 10, 6))
                    .when(new ReserveStockCommand(SKU, ORDER, 4))
                    .expectEvents(reserved(ORDER, 4, 10, 10));
        }

        @Test
        void rejectsReservationWhenStockIsShortCountingOtherOrdersReservations() {
            fixture.given(registered(10), reserved(OTHER_ORDER, 8, 10, 8))
                    .when(new ReserveStockCommand(SKU, ORDER, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER, 3, 2,
                            "insufficient stock: requested 3, available 2"))
                    .expectState(product -> assertThat(product.reserved()).isEqualTo(8));
        }

        @Test
        void rejectsQuantityBelowOneWithAnEventNotAnException() {
            fixture.given(registered(10))
                    .when(new ReserveStockCommand(SKU, ORDER, 0))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER, 0, 10, "quantity must be at least 1"));
        }

        @Test
        void ignoresRepeatedReservationOfTheSameOrder() {
            fixture.given(registered(10), reserved(ORDER, 3, 10, 3))
                    .when(new ReserveStockCommand(SKU, ORDER, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void rejectsReservationForAnOrderWhoseStockWasReleased() {
            fixture.given(registered(10), new StockReleasedEvent(SKU, ORDER, 0, 10, 0))
                    .when(new ReserveStockCommand(SKU, ORDER, 3))
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER, 3, 10, Product.RELEASED_REASON));
        }

        @Test
        void ignoresReservationForAnOrderWhoseStockWasCommitted() {
            fixture.given(registered(10), reserved(ORDER, 3, 10, 3), new StockCommittedEvent(SKU, ORDER, 3, 7, 0))
                    .when(new ReserveStockCommand(SKU, ORDER, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Release {

        @Test
        void givesBackTheUnitsReservedForTheOrder() {
            fixture.given(registered(10), reserved(OTHER_ORDER, 2, 10, 2), reserved(ORDER, 3, 10, 5))
                    .when(new ReleaseStockCommand(SKU, ORDER))
                    .expectEvents(new StockReleasedEvent(SKU, ORDER, 3, 10, 2))
                    .expectState(product -> assertThat(product.reserved()).isEqualTo(2));
        }

        @Test
        void ignoresRepeatedRelease() {
            fixture.given(registered(10), reserved(ORDER, 3, 10, 3), new StockReleasedEvent(SKU, ORDER, 3, 10, 0))
                    .when(new ReleaseStockCommand(SKU, ORDER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void recordsReleaseOfNothingSoALateReservationIsRefused() {
            fixture.given(registered(10))
                    .when(new ReleaseStockCommand(SKU, ORDER))
                    .expectEvents(new StockReleasedEvent(SKU, ORDER, 0, 10, 0));
            fixture.given(registered(10), new StockReleasedEvent(SKU, ORDER, 0, 10, 0))
                    .when(new ReserveStockCommand(SKU, ORDER, 1))
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER, 1, 10, Product.RELEASED_REASON));
        }

        @Test
        void ignoresReleaseOfStockThatWasCommitted() {
            fixture.given(registered(10), reserved(ORDER, 3, 10, 3), new StockCommittedEvent(SKU, ORDER, 3, 7, 0))
                    .when(new ReleaseStockCommand(SKU, ORDER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Commit {

        @Test
        void takesTheReservedUnitsOutOfStock() {
            fixture.given(registered(10), reserved(OTHER_ORDER, 2, 10, 2), reserved(ORDER, 3, 10, 5))
                    .when(new CommitStockCommand(SKU, ORDER))
                    .expectEvents(new StockCommittedEvent(SKU, ORDER, 3, 7, 2))
                    .expectState(product -> {
                        assertThat(product.onHand()).isEqualTo(7);
                        assertThat(product.reserved()).isEqualTo(2);
                    });
        }

        @Test
        void ignoresRepeatedCommit() {
            fixture.given(registered(10), reserved(ORDER, 3, 10, 3), new StockCommittedEvent(SKU, ORDER, 3, 7, 0))
                    .when(new CommitStockCommand(SKU, ORDER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void ignoresCommitOfAnOrderHoldingNoReservation() {
            fixture.given(registered(10), new StockReleasedEvent(SKU, ORDER, 0, 10, 0))
                    .when(new CommitStockCommand(SKU, ORDER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    /**
     * The product forgets released and committed orders once the {@link OrderMemory} (7 days by
     * default) has passed between their settlement and a later event, judged by the events' own
     * timestamps. The fixture also replays every test's events and checks that the replayed product
     * equals the live one, so forgetting is deterministic.
     */
    @Nested
    class OrderMemoryOfSettledOrders {

        private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
        private static final Duration SEVEN_DAYS = Duration.ofDays(7);

        @Test
        void refusesALateReservationWhileTheReleaseIsRemembered() {
            fixture.givenCurrentTime(T0)
                    .andGiven(registered(10), new StockReleasedEvent(SKU, ORDER, 0, 10, 0))
                    .andGivenCurrentTime(T0.plus(SEVEN_DAYS))
                    .andGiven(new StockRestockedEvent(SKU, 1, 11, 0))
                    .when(new ReserveStockCommand(SKU, ORDER, 3))
                    .expectEvents(new StockReservationRejectedEvent(SKU, ORDER, 3, 11, Product.RELEASED_REASON))
                    .expectState(product -> assertThat(product.remembersSettlementOf(ORDER)).isTrue());
        }

        @Test
        void forgetsAReleasedOrderOnceItsReleaseIsOlderThanTheMemory() {
            fixture.givenCurrentTime(T0)
                    .andGiven(registered(10), new StockReleasedEvent(SKU, ORDER, 0, 10, 0))
                    .andGivenCurrentTime(T0.plus(SEVEN_DAYS).plusMillis(1))
                    .when(new RestockCommand(SKU, 1))
                    .expectEvents(new StockRestockedEvent(SKU, 1, 11, 0))
                    .expectState(product -> {
                        assertThat(product.remembersSettlementOf(ORDER)).isFalse();
                        assertThat(product.rememberedSettlements()).isZero();
                    });
        }

        @Test
        void forgetsACommittedOrderOnceItsCommitIsOlderThanTheMemory() {
            fixture.givenCurrentTime(T0)
                    .andGiven(registered(10), reserved(ORDER, 3, 10, 3), new StockCommittedEvent(SKU, ORDER, 3, 7, 0))
                    .andGivenCurrentTime(T0.plus(SEVEN_DAYS).plusSeconds(1))
                    .when(new ReserveStockCommand(SKU, OTHER_ORDER, 2))
                    .expectEvents(reserved(OTHER_ORDER, 2, 7, 2))
                    .expectState(product -> {
                        assertThat(product.remembersSettlementOf(ORDER)).isFalse();
                        assertThat(product.onHand()).isEqualTo(7);
                        assertThat(product.reserved()).isEqualTo(2);
                    });
        }

        @Test
        void remembersOnlyTheOrdersSettledWithinTheMemoryWhateverTheirNumber() {
            int ordersPerDay = 20;
            List<List<OrderId>> settledOnDay = new ArrayList<>();
            TestExecutor<Product> history = fixture.givenCurrentTime(T0).andGiven(registered(1_000));
            int onHand = 1_000;
            for (int day = 0; day < 10; day++) {
                List<Object> events = new ArrayList<>();
                List<OrderId> orders = new ArrayList<>();
                for (int i = 0; i < ordersPerDay; i++) {
                    OrderId order = OrderId.random();
                    orders.add(order);
                    events.add(reserved(order, 1, onHand, 1));
                    if (i % 2 == 0) {
                        onHand--;
                        events.add(new StockCommittedEvent(SKU, order, 1, onHand, 0));
                    } else {
                        events.add(new StockReleasedEvent(SKU, order, 1, onHand, 0));
                    }
                }
                settledOnDay.add(orders);
                history = history.andGivenCurrentTime(T0.plus(Duration.ofDays(day))).andGiven(events);
            }
            int onHandAfterTenDays = onHand;

            history.andGivenCurrentTime(T0.plus(Duration.ofDays(10)))
                    .when(new RestockCommand(SKU, 5))
                    .expectEvents(new StockRestockedEvent(SKU, 5, onHandAfterTenDays + 5, 0))
                    .expectState(product -> {
                        // settled on days 3 to 9: no more than 7 days before the restock on day 10
                        assertThat(product.rememberedSettlements()).isEqualTo(7 * ordersPerDay);
                        assertThat(settledOnDay.subList(0, 3)).allSatisfy(orders -> assertThat(orders)
                                .noneMatch(product::remembersSettlementOf));
                        assertThat(settledOnDay.subList(3, 10)).allSatisfy(orders -> assertThat(orders)
                                .allMatch(product::remembersSettlementOf));
                    });
        }

        @Test
        void forgetsAfterTheConfiguredMemory() {
            FixtureConfiguration<Product> oneHourMemory = new AggregateTestFixture<>(Product.class)
                    .registerInjectableResource(new OrderMemory(Duration.ofHours(1)));

            oneHourMemory.givenCurrentTime(T0)
                    .andGiven(registered(10), new StockReleasedEvent(SKU, ORDER, 0, 10, 0))
                    .andGivenCurrentTime(T0.plus(Duration.ofMinutes(61)))
                    .when(new RestockCommand(SKU, 1))
                    .expectState(product -> assertThat(product.remembersSettlementOf(ORDER)).isFalse());
        }
    }
}
