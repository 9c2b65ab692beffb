package io.orderflow.write.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RequestOrderCancellationCommand;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.payment.RefundPaymentCommand;
import io.orderflow.api.shipping.CancelShipmentCommand;
import io.orderflow.api.shipping.ShipmentId;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusinessErrorInterceptorTest {

    private static final OrderId ORDER = OrderId.of("6f1c3a52-1a2b-4c3d-8e9f-0a1b2c3d4e5f");

    private SimpleCommandBus commandBus;
    private CommandGateway gateway;

    @BeforeEach
    void registerInterceptorLikeTheApplication() {
        commandBus = SimpleCommandBus.builder().build();
        new BusinessErrorInterceptorConfiguration().registerBusinessErrorInterceptor(commandBus);
        gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    private void handle(Class<?> commandType, RuntimeException failure) {
        commandBus.subscribe(commandType.getName(), message -> {
            throw failure;
        });
    }

    @Test
    void turnsDomainExceptionIntoCommandExecutionExceptionWithTheBusinessErrorAsDetails() {
        handle(RestockCommand.class, new DomainException(ErrorCode.INVALID_QUANTITY, "Restock quantity must be at least 1"));

        Throwable thrown = catchThrowable(() -> gateway.sendAndWait(new RestockCommand(new Sku("SKU-1"), 0)));

        assertThat(thrown).isInstanceOf(CommandExecutionException.class)
                .hasMessage("Restock quantity must be at least 1")
                .hasNoCause();
        assertThat(((CommandExecutionException) thrown).getDetails())
                .contains(new BusinessError(ErrorCode.INVALID_QUANTITY, "Restock quantity must be at least 1"));
    }

    @Test
    void reportsMissingProductOfAnInventoryCommandAsUnknownSku() {
        handle(RestockCommand.class, new AggregateNotFoundException("SKU-9", "not found"));

        Throwable thrown = catchThrowable(() -> gateway.sendAndWait(new RestockCommand(new Sku("SKU-9"), 1)));

        assertThat(((CommandExecutionException) thrown).getDetails())
                .contains(new BusinessError(ErrorCode.UNKNOWN_SKU, "Unknown SKU SKU-9"));
    }

    @Test
    void reportsMissingOrderOfAnOrderCommandAsOrderNotFound() {
        handle(RequestOrderCancellationCommand.class, new AggregateNotFoundException(ORDER.toString(), "not found"));

        Throwable thrown = catchThrowable(() -> gateway.sendAndWait(
                new RequestOrderCancellationCommand(ORDER, ReasonCode.CUSTOMER_CANCELLED, "")));

        assertThat(((CommandExecutionException) thrown).getDetails())
                .contains(new BusinessError(ErrorCode.ORDER_NOT_FOUND, "Order " + ORDER + " not found"));
    }

    @Test
    void reportsMissingPaymentOrShipmentWithTheirOwnNotFoundCodes() {
        PaymentId paymentId = PaymentId.forOrder(ORDER);
        ShipmentId shipmentId = ShipmentId.forOrder(ORDER);
        handle(RefundPaymentCommand.class, new AggregateNotFoundException(paymentId.toString(), "not found"));
        handle(CancelShipmentCommand.class, new AggregateNotFoundException(shipmentId.toString(), "not found"));

        Throwable payment = catchThrowable(() -> gateway.sendAndWait(new RefundPaymentCommand(paymentId, ORDER, "x")));
        Throwable shipment = catchThrowable(() -> gateway.sendAndWait(new CancelShipmentCommand(shipmentId, ORDER, "x")));

        assertThat(((CommandExecutionException) payment).getDetails()).get()
                .extracting(details -> ((BusinessError) details).code()).isEqualTo(ErrorCode.PAYMENT_NOT_FOUND);
        assertThat(((CommandExecutionException) shipment).getDetails()).get()
                .extracting(details -> ((BusinessError) details).code()).isEqualTo(ErrorCode.SHIPMENT_NOT_FOUND);
    }

    @Test
    void passesTechnicalFailuresThroughUnchangedSoTheGatewayCanRetryThem() {
        ConcurrencyException conflict = new ConcurrencyException("sequence number taken");
        handle(RestockCommand.class, conflict);

        Throwable thrown = catchThrowable(() -> gateway.sendAndWait(new RestockCommand(new Sku("SKU-1"), 1)));

        assertThat(thrown).isSameAs(conflict);
    }

    @Test
    void returnsTheHandlerResultWhenNothingFails() {
        commandBus.subscribe(RestockCommand.class.getName(), message -> "done");

        Object result = gateway.sendAndWait(new RestockCommand(new Sku("SKU-1"), 1));

        assertThat(result).isEqualTo("done");
    }
}
