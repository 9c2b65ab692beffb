package io.orderflow.write.order;

import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.PlaceOrderCommand;
import io.orderflow.write.support.DomainException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Places orders. An external command handler rather than an aggregate constructor, because the
 * checks need the event store: the order must not exist yet and every SKU must be a registered
 * product.
 *
 * <p>Checks in this order, cheapest first: the rules of the command itself
 * ({@link ErrorCode#INVALID_ORDER}), then the products ({@link ErrorCode#UNKNOWN_SKU}, naming every
 * unknown SKU), then that no order with the id has events ({@link ErrorCode#ORDER_ALREADY_EXISTS}).
 * The last check and the creation are one {@link Repository#loadOrCreate} call: it neither logs a
 * warning for the (usual) absent order, as a failed {@code load} would, nor can its factory fail,
 * since every rule was checked before. Two concurrent placements of the same new id both create it;
 * the event store's uniqueness of (aggregate id, sequence number) lets only one commit, and the
 * other's retry is refused as a duplicate.
 */
@Component
public class OrderPlacement {

    private final Repository<Order> orders;
    private final KnownProducts knownProducts;

    /**
     * @param orders        the order repository
     * @param knownProducts tells which SKUs are registered products
     */
    public OrderPlacement(Repository<Order> orders, KnownProducts knownProducts) {
        this.orders = orders;
        this.knownProducts = knownProducts;
    }

    /**
     * Places the order, emitting {@code OrderPlacedEvent}, which starts the fulfilment saga.
     *
     * @throws DomainException if the order is invalid, exists already or names an unknown product
     * @throws Exception       if the repository cannot create the aggregate
     */
    @CommandHandler
    public void handle(PlaceOrderCommand command) throws Exception {
        Order.requirePlaceable(command);
        List<Sku> unknown = command.lines().stream()
                .map(OrderLine::sku)
                .filter(sku -> !knownProducts.exists(sku))
                .toList();
        if (!unknown.isEmpty()) {
            throw new DomainException(ErrorCode.UNKNOWN_SKU, unknown.size() == 1
                    ? "Unknown SKU " + unknown.get(0)
                    : "Unknown SKUs " + unknown);
        }
        AtomicBoolean placed = new AtomicBoolean();
        orders.loadOrCreate(command.orderId().toString(), () -> {
            placed.set(true);
            return new Order(command);
        });
        if (!placed.get()) {
            throw new DomainException(ErrorCode.ORDER_ALREADY_EXISTS, "Order " + command.orderId() + " already exists");
        }
    }
}
