package io.orderflow.write.shipping;

import io.orderflow.api.shipping.CancelShipmentCommand;
import io.orderflow.api.shipping.ScheduleShipmentCommand;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.write.support.GatewayRetry;
import io.orderflow.write.support.RetriesExhaustedException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.stereotype.Component;

/**
 * Handles the shipping commands of the fulfilment saga: calls the {@link Carrier} outside the
 * aggregate, with bounded retries and exponential back-off for {@link CarrierException}
 * ({@code orderflow.shipping.max-attempts}, {@code orderflow.shipping.backoff}), then records the
 * answer on the {@link Shipment} aggregate.
 *
 * <p>Each command loads the shipment with {@code Repository#loadOrCreate}: an absent shipment comes
 * back empty, to record the first answer on (a failed {@code load} would log a warning with a stack
 * trace for every new shipment). The repository's lock on the shipment id is held while the carrier
 * is called.
 *
 * <table>
 * <caption>Outcomes</caption>
 * <tr><th>command</th><th>shipment</th><th>outcome</th></tr>
 * <tr><td>{@link ScheduleShipmentCommand}</td><td>none</td><td>carrier booking →
 *     {@code ShipmentScheduledEvent}; refused → {@code ShipmentFailedEvent(technical = false)}; every
 *     attempt failed → best-effort cancel at the carrier and {@code ShipmentFailedEvent(technical = true)}</td></tr>
 * <tr><td>{@link ScheduleShipmentCommand}</td><td>any</td><td>nothing; the carrier is not called</td></tr>
 * <tr><td>{@link CancelShipmentCommand}</td><td>scheduled</td><td>carrier cancel →
 *     {@code ShipmentCancelledEvent}</td></tr>
 * <tr><td>{@link CancelShipmentCommand}</td><td>none</td><td>carrier cancel → {@code ShipmentCancelledEvent}
 *     (later bookings are ignored)</td></tr>
 * <tr><td>{@link CancelShipmentCommand}</td><td>cancelled, failed</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Business outcomes are events, never exceptions. When a cancellation fails on every attempt the
 * command fails with {@link RetriesExhaustedException} and nothing is recorded: the saga's
 * compensation deadline sends it again later.
 */
@Component
public class ShippingProcessor {

    private static final Logger log = LoggerFactory.getLogger(ShippingProcessor.class);

    private final Repository<Shipment> shipments;
    private final Carrier carrier;
    private final GatewayRetry retry;

    /**
     * @param shipments  the shipment repository
     * @param carrier    the carrier
     * @param properties retry configuration
     */
    @Autowired
    public ShippingProcessor(Repository<Shipment> shipments, Carrier carrier, ShippingProperties properties) {
        this(shipments, carrier, properties, GatewayRetry.THREAD_SLEEPER);
    }

    /** For tests: waits between attempts with the given sleeper. */
    ShippingProcessor(Repository<Shipment> shipments, Carrier carrier, ShippingProperties properties,
                      Sleeper sleeper) {
        this.shipments = shipments;
        this.carrier = carrier;
        this.retry = new GatewayRetry(properties.maxAttempts(), properties.backoff(), CarrierException.class, sleeper);
    }

    /** Books the order's shipment, unless a shipment with this id exists already. */
    @CommandHandler
    public void handle(ScheduleShipmentCommand command) throws Exception {
        ShipmentId id = command.shipmentId();
        Aggregate<Shipment> shipment = shipments.loadOrCreate(id.toString(), Shipment::new);
        if (shipment.invoke(Shipment::isRecorded)) {
            log.debug("Shipment {} exists already; booking not repeated", id);
            return;
        }
        AtomicInteger attempts = new AtomicInteger();
        try {
            BookingResult result = retry.call(() -> {
                attempts.incrementAndGet();
                return carrier.book(id, command.address(), command.lines());
            });
            if (result instanceof BookingResult.Booked booked) {
                shipment.execute(s -> s.recordScheduled(id, command.orderId(), booked.carrierName(),
                        booked.trackingNumber()));
            } else {
                String reason = ((BookingResult.Refused) result).reason();
                shipment.execute(s -> s.recordFailed(id, command.orderId(), reason, false, attempts.get()));
            }
        } catch (RetriesExhaustedException e) {
            log.warn("Shipment {} of order {} failed: {}", id, command.orderId(), e.getMessage());
            cancelQuietly(id);
            shipment.execute(s -> s.recordFailed(id, command.orderId(), e.lastFailureMessage(), true, e.attempts()));
        }
    }

    /**
     * A failed booking may still have reached the carrier (a lost answer): cancel it once. A failure
     * here changes nothing; the shipment is recorded as failed.
     */
    private void cancelQuietly(ShipmentId id) {
        try {
            carrier.cancel(id, null);
        } catch (RuntimeException e) {
            log.warn("Could not cancel a possible booking of failed shipment {}: {}", id, e.getMessage());
        }
    }

    /**
     * Compensation: cancels a scheduled shipment, or cancels at the carrier when no shipment was
     * recorded yet.
     *
     * @throws RetriesExhaustedException if the carrier failed on every attempt
     */
    @CommandHandler
    public void handle(CancelShipmentCommand command) throws Exception {
        ShipmentId id = command.shipmentId();
        Aggregate<Shipment> shipment = shipments.loadOrCreate(id.toString(), Shipment::new);
        if (!shipment.invoke(Shipment::isRecorded)) {
            retry.run(() -> carrier.cancel(id, null));
            shipment.execute(s -> s.recordCancelledBeforeBooking(id, command.orderId(), command.reason()));
            return;
        }
        Optional<String> trackingNumber = shipment.invoke(Shipment::bookingToCancel);
        if (trackingNumber.isEmpty()) {
            log.debug("Shipment {} holds no booking; nothing to cancel", id);
            return;
        }
        retry.run(() -> carrier.cancel(id, trackingNumber.get()));
        shipment.execute(s -> s.recordCancellation(command.reason()));
    }
}
