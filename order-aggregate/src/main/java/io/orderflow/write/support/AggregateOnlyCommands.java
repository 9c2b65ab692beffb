package io.orderflow.write.support;

import io.orderflow.api.inventory.CommitStockCommand;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.ReleaseStockCommand;
import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.order.CancelOrderCommand;
import io.orderflow.api.order.CompleteOrderCommand;
import io.orderflow.api.order.MarkOrderPaymentAuthorizedCommand;
import io.orderflow.api.order.MarkOrderShipmentScheduledCommand;
import io.orderflow.api.order.MarkOrderStockReservedCommand;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.api.order.RejectOrderCommand;
import io.orderflow.api.order.RequestOrderCancellationCommand;
import java.util.Set;

/**
 * The commands whose handlers only load, decide on and change their one target aggregate
 * ({@code Order}, {@code Product}), and call nothing outside the process. Handling such a command
 * again after a rolled-back attempt has no effect but its events, so the application's command bus
 * may run several of them in one transaction (and repeat them alone when that transaction rolls
 * back). The payment and shipping commands are not among them: their handlers call the payment
 * provider or the carrier, which may be slow and which a repeated attempt would call again.
 */
public final class AggregateOnlyCommands {

    /** The payload types of those commands. */
    public static final Set<Class<?>> TYPES = Set.of(
            PlaceOrderCommand.class,
            RequestOrderCancellationCommand.class,
            MarkOrderStockReservedCommand.class,
            MarkOrderPaymentAuthorizedCommand.class,
            MarkOrderShipmentScheduledCommand.class,
            CompleteOrderCommand.class,
            RejectOrderCommand.class,
            CancelOrderCommand.class,
            RegisterProductCommand.class,
            RestockCommand.class,
            ReserveStockCommand.class,
            ReleaseStockCommand.class,
            CommitStockCommand.class);

    private AggregateOnlyCommands() {
    }
}
