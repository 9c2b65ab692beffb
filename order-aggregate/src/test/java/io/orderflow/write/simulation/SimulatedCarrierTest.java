package io.orderflow.write.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.write.shipping.BookingResult;
import io.orderflow.write.shipping.CarrierException;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedCarrierTest {

    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada Lovelace", "1 Analytical Way", "London",
            "N1 9GU", "GB");
    private static final List<OrderLine> LINES = List.of(new OrderLine(new Sku("WIDGET-1"), 1, BigDecimal.ONE));

    private final RecordingLatency latency = new RecordingLatency();

    private static ShipmentId key(int n) {
        return ShipmentId.forOrder(new OrderId(new UUID(0, n)));
    }

    private SimulatedCarrier carrier(SimulationControl control) {
        return new SimulatedCarrier(control, latency);
    }

    private SimulatedCarrier carrier(AdapterSettings shipping) {
        return carrier(new SimulationControl(SimulationSettings.reliable().withShipping(shipping)));
    }

    private static List<BookingResult> bookKeys(SimulatedCarrier carrier, int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> carrier.book(key(n), ADDRESS, LINES)).toList();
    }

    @Test
    void booksEveryShipmentWhenRatesAreZero() {
        assertThat(bookKeys(carrier(AdapterSettings.reliable()), 0, 50)).allSatisfy(result -> {
            assertThat(result).isInstanceOf(BookingResult.Booked.class);
            assertThat(((BookingResult.Booked) result).carrierName()).isEqualTo(SimulatedCarrier.CARRIER_NAME);
            assertThat(((BookingResult.Booked) result).trackingNumber()).matches("SIM\\d{12}");
        });
    }

    @Test
    void refusesEveryNewBookingWhenTheRejectionRateIsOne() {
        assertThat(bookKeys(carrier(AdapterSettings.reliable().withRejectionRate(1)), 0, 50))
                .containsOnly(BookingResult.refused(SimulatedCarrier.REFUSAL_REASON));
    }

    @Test
    void failsEveryCallTechnicallyWhenTheFailureRateIsOne() {
        SimulatedCarrier carrier = carrier(AdapterSettings.reliable().withTechnicalFailureRate(1));

        assertThatThrownBy(() -> carrier.book(key(1), ADDRESS, LINES)).isInstanceOf(CarrierException.class);
        assertThatThrownBy(() -> carrier.cancel(key(1), "SIM1")).isInstanceOf(CarrierException.class);
        assertThat(carrier.cancellationCount()).isZero();
    }

    @Test
    void answersARepeatedKeyWithTheSameBooking() {
        SimulatedCarrier carrier = carrier(AdapterSettings.reliable().withRejectionRate(0.5));

        assertThat(bookKeys(carrier, 0, 20)).isEqualTo(bookKeys(carrier, 0, 20));
    }

    @Test
    void givesTheSameOutcomesForTheSameSeed() {
        AdapterSettings halfRefused = AdapterSettings.reliable().withRejectionRate(0.5).withSeed(99);

        List<BookingResult> first = bookKeys(carrier(halfRefused), 0, 40);

        assertThat(bookKeys(carrier(halfRefused), 0, 40)).isEqualTo(first);
        assertThat(first).hasAtLeastOneElementOfType(BookingResult.Booked.class)
                .hasAtLeastOneElementOfType(BookingResult.Refused.class);
    }

    @Test
    void timesOutAfterTheTimeoutWhenTheLatencyExceedsIt() {
        SimulatedCarrier carrier = carrier(AdapterSettings.reliable().withLatency(3000, 4000).withTimeout(2000));

        assertThatThrownBy(() -> carrier.book(key(1), ADDRESS, LINES)).isInstanceOf(CarrierException.class)
                .hasMessage("carrier booking timed out after 2000 ms");
        assertThat(latency.pauses).containsExactly(2000L);
    }

    @Test
    void recordsEachCancellationOnceAndRefusesLaterBookings() {
        SimulatedCarrier carrier = carrier(AdapterSettings.reliable());
        BookingResult.Booked booked = (BookingResult.Booked) carrier.book(key(1), ADDRESS, LINES);

        carrier.cancel(key(1), booked.trackingNumber());
        carrier.cancel(key(1), booked.trackingNumber());

        assertThat(carrier.cancellationCount()).isEqualTo(1);
        assertThat(carrier.cancellations()).containsExactly(
                new SimulatedCarrier.SimulatedCancellation(key(1), booked.trackingNumber()));
        assertThat(carrier.book(key(1), ADDRESS, LINES))
                .isEqualTo(BookingResult.refused(SimulatedCarrier.CANCELLED_REASON));
    }
}
