package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.order.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTransitionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PENDING, STOCK_RESERVED",
            "STOCK_RESERVED, PAYMENT_AUTHORIZED",
            "PAYMENT_AUTHORIZED, SHIPMENT_SCHEDULED",
            "SHIPMENT_SCHEDULED, COMPLETED",
            "PENDING, REJECTED",
            "PAYMENT_AUTHORIZED, CANCELLATION_REQUESTED",
            "CANCELLATION_REQUESTED, CANCELLED",
            "PENDING, PAYMENT_AUTHORIZED"
    })
    void acceptsForwardMoves(OrderStatus from, OrderStatus to) {
        assertThat(OrderStatusTransitions.allows(from, to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "PAYMENT_AUTHORIZED, STOCK_RESERVED",
            "SHIPMENT_SCHEDULED, PENDING",
            "CANCELLATION_REQUESTED, PAYMENT_AUTHORIZED",
            "STOCK_RESERVED, STOCK_RESERVED"
    })
    void refusesBackwardOrRepeatedMoves(OrderStatus from, OrderStatus to) {
        assertThat(OrderStatusTransitions.allows(from, to)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = {"COMPLETED", "REJECTED", "CANCELLED"})
    void terminalStatusIsFinal(OrderStatus terminal) {
        for (OrderStatus target : OrderStatus.values()) {
            assertThat(OrderStatusTransitions.allows(terminal, target)).as("%s -> %s", terminal, target).isFalse();
        }
    }

    @Test
    void cancellationMayStillEndAsCompletedWhenTheShipmentWonTheRace() {
        assertThat(OrderStatusTransitions.allows(OrderStatus.CANCELLATION_REQUESTED, OrderStatus.COMPLETED)).isTrue();
    }
}
