package io.orderflow.write.simulation;

import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.write.shipping.BookingResult;
import io.orderflow.write.shipping.Carrier;
import io.orderflow.write.shipping.CarrierException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A carrier in memory, with the fault injection of {@link SimulationSettings#shipping()}.
 *
 * <p>Behaves like a real carrier with idempotency keys: the first booking of a key is decided
 * (booked, or refused at the rejection rate) and remembered, and every later one with the same key
 * returns the same answer; a cancelled key is refused from then on. Each call may fail technically
 * (at the technical failure rate) and takes a random latency; a latency beyond the timeout makes
 * the call fail as "timed out" after the timeout, even though the carrier may have acted on it.
 * Technical failures throw {@link CarrierException}.
 *
 * <p>The most recent {@value #MEMORY} keys of each kind are remembered. Cancellations are recorded
 * for inspection ({@link #cancellations()}, {@link #cancellationCount()}).
 */
@Component
public class SimulatedCarrier implements Carrier {

    /** The carrier name on every booking. */
    public static final String CARRIER_NAME = "Simulated Express";

    /** How many idempotency keys (and cancellation records) of each kind are remembered. */
    public static final int MEMORY = 100_000;

    static final String REFUSAL_REASON = "address not served (simulated refusal)";
    static final String CANCELLED_REASON = "booking was cancelled";

    private final SimulationControl control;
    private final Latency latency;
    private final Object lock = new Object();
    private final Map<ShipmentId, BookingResult> bookings = new BoundedMap<>(MEMORY);
    private final Set<ShipmentId> cancelled = Collections.newSetFromMap(new BoundedMap<>(MEMORY));
    private final Deque<SimulatedCancellation> cancellations = new ArrayDeque<>();
    private long cancellationCount;

    /**
     * @param control the fault-injection settings
     */
    @Autowired
    public SimulatedCarrier(SimulationControl control) {
        this(control, Latency.SLEEP);
    }

    /** For tests: lets time pass with the given latency instead of sleeping. */
    SimulatedCarrier(SimulationControl control, Latency latency) {
        this.control = control;
        this.latency = latency;
    }

    @Override
    public BookingResult book(ShipmentId idempotencyKey, ShippingAddress address, List<OrderLine> lines) {
        SimulationControl.Draw draw = control.nextShippingDraw();
        BookingResult result = null;
        if (!draw.technicalFailure()) {
            synchronized (lock) {
                if (cancelled.contains(idempotencyKey)) {
                    result = BookingResult.refused(CANCELLED_REASON);
                } else {
                    result = bookings.computeIfAbsent(idempotencyKey, key -> draw.rejected()
                            ? BookingResult.refused(REFUSAL_REASON)
                            : BookingResult.booked(CARRIER_NAME,
                                    String.format("SIM%012d", Math.floorMod(draw.token(), 1_000_000_000_000L))));
                }
            }
        }
        return respond(draw, "booking", result);
    }

    @Override
    public void cancel(ShipmentId idempotencyKey, String trackingNumber) {
        SimulationControl.Draw draw = control.nextShippingDraw();
        Boolean done = null;
        if (!draw.technicalFailure()) {
            synchronized (lock) {
                if (cancelled.add(idempotencyKey)) {
                    bookings.remove(idempotencyKey);
                    cancellations.addLast(new SimulatedCancellation(idempotencyKey, trackingNumber));
                    if (cancellations.size() > MEMORY) {
                        cancellations.removeFirst();
                    }
                    cancellationCount++;
                }
            }
            done = Boolean.TRUE;
        }
        respond(draw, "cancellation", done);
    }

    private <T> T respond(SimulationControl.Draw draw, String operation, T answer) {
        draw.awaitResponse(latency, "carrier " + operation, CarrierException::new);
        if (answer == null) {
            throw new CarrierException("carrier " + operation + " failed (simulated technical failure)");
        }
        return answer;
    }

    /** The cancellations made, oldest first (the most recent {@value #MEMORY}). */
    public List<SimulatedCancellation> cancellations() {
        synchronized (lock) {
            return List.copyOf(cancellations);
        }
    }

    /** How many distinct cancellations were made since start. */
    public long cancellationCount() {
        synchronized (lock) {
            return cancellationCount;
        }
    }

    /**
     * A cancellation the simulated carrier made.
     *
     * @param shipmentId     the idempotency key
     * @param trackingNumber the cancelled booking's tracking number, {@code null} if none was known
     */
    public record SimulatedCancellation(ShipmentId shipmentId, String trackingNumber) {
    }
}
