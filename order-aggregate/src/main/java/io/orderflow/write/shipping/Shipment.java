package io.orderflow.write.shipping;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderflow.api.order.OrderId;
import io.orderflow.api.shipping.ShipmentCancelledEvent;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import io.orderflow.write.support.AggregateCacheConfiguration;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The shipment of one order, identified by {@link ShipmentId}; event sourced. It records what the
 * carrier answered; the calls themselves happen in {@link ShippingProcessor}, outside the aggregate.
 *
 * <p>A shipment's first event makes it {@link ShipmentStatus#SCHEDULED}, {@link ShipmentStatus#FAILED} or
 * {@link ShipmentStatus#CANCELLED} (compensated before any booking); only a scheduled shipment can
 * change again, to cancelled. Its mere existence makes a repeated booking a no-op. The repository keeps
 * recently used shipments in memory between commands ({@link AggregateCacheConfiguration}).
 */
@Aggregate(cache = AggregateCacheConfiguration.SHIPMENT_CACHE)
public class Shipment {

    @AggregateIdentifier
    private ShipmentId shipmentId;
    private OrderId orderId;
    private ShipmentStatus status;
    private String trackingNumber;

    /**
     * For Axon, and for {@link ShippingProcessor}, which creates an empty shipment with
     * {@code Repository#loadOrCreate} and records the carrier's first answer on it.
     */
    protected Shipment() {
    }

    /** Whether any answer was recorded; an empty shipment was just created and has no events yet. */
    boolean isRecorded() {
        return status != null;
    }

    /** Records that the carrier booked the shipment: {@link ShipmentScheduledEvent}. */
    void recordScheduled(ShipmentId id, OrderId order, String carrier, String tracking) {
        requireFirstAnswer(id, order);
        apply(new ShipmentScheduledEvent(id, order, carrier, tracking));
    }

    /**
     * Records that the carrier refused the booking ({@code technical == false}) or never answered:
     * {@link ShipmentFailedEvent}.
     */
    void recordFailed(ShipmentId id, OrderId order, String reason, boolean technical, int attempts) {
        requireFirstAnswer(id, order);
        apply(new ShipmentFailedEvent(id, order, reason, technical, attempts));
    }

    /** Records a compensation before any booking was recorded: {@link ShipmentCancelledEvent}. */
    void recordCancelledBeforeBooking(ShipmentId id, OrderId order, String reason) {
        requireFirstAnswer(id, order);
        apply(new ShipmentCancelledEvent(id, order, reason));
    }

    private void requireFirstAnswer(ShipmentId id, OrderId order) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        if (status != null) {
            throw new IllegalStateException("Shipment " + shipmentId + " has recorded an answer already: " + status);
        }
    }

    /** The tracking number of the booking to cancel, if the shipment is scheduled. */
    Optional<String> bookingToCancel() {
        return status == ShipmentStatus.SCHEDULED ? Optional.of(trackingNumber) : Optional.empty();
    }

    /**
     * Records that the carrier cancelled the booking: {@link ShipmentCancelledEvent}. Nothing happens
     * unless the shipment is scheduled.
     */
    void recordCancellation(String reason) {
        if (status == ShipmentStatus.SCHEDULED) {
            apply(new ShipmentCancelledEvent(shipmentId, orderId, reason));
        }
    }

    @EventSourcingHandler
    void on(ShipmentScheduledEvent event) {
        shipmentId = event.shipmentId();
        orderId = event.orderId();
        trackingNumber = event.trackingNumber();
        status = ShipmentStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(ShipmentFailedEvent event) {
        shipmentId = event.shipmentId();
        orderId = event.orderId();
        status = ShipmentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(ShipmentCancelledEvent event) {
        shipmentId = event.shipmentId();
        orderId = event.orderId();
        status = ShipmentStatus.CANCELLED;
    }

    /** The current status. */
    ShipmentStatus status() {
        return status;
    }
}
