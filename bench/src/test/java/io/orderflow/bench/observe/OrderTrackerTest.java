package io.orderflow.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderflow.api.order.OrderStatus;
import io.orderflow.bench.stats.MeasurementWindow;
import io.orderflow.bench.stats.RunStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTrackerTest {

    private static final long MS = 1_000_000L;
    private final RunStatistics statistics = new RunStatistics(MeasurementWindow.of(0, 0, 10_000 * MS));
    private final OrderTracker tracker = new OrderTracker(statistics);

    @Test
    void timesAnOrderFromItsAcceptToItsTerminalEvent() {
        TrackedOrder order = tracker.accepted("o-1", 100 * MS, 110 * MS);
        assertThat(tracker.inFlight()).isEqualTo(1);
        assertThat(order.terminal()).isNotDone();

        tracker.observed("o-1", Outcome.completed(), 160 * MS);

        assertThat(order.terminal()).isDone();
        assertThat(tracker.inFlight()).isZero();
        assertThat(statistics.snapshot().endToEnd().max()).isCloseTo(50, within(0.1));
    }

    @Test
    void keepsATerminalEventThatArrivesBeforeTheAccept() {
        tracker.observed("o-2", new Outcome(OrderStatus.CANCELLED, "PAYMENT_DECLINED"), 105 * MS);

        TrackedOrder order = tracker.accepted("o-2", 100 * MS, 110 * MS);

        assertThat(order.terminal()).isDone();
        assertThat(tracker.inFlight()).isZero();
        assertThat(statistics.snapshot().outcomes()).containsExactly(Map.entry("CANCELLED:PAYMENT_DECLINED", 1L));
        assertThat(statistics.snapshot().terminalBeforeAccept()).isEqualTo(1);
    }

    @Test
    void countsAnOrderOnceWhenItsTerminalEventIsDeliveredTwice() {
        tracker.accepted("o-3", 100 * MS, 110 * MS);

        tracker.observed("o-3", Outcome.completed(), 150 * MS);
        tracker.observed("o-3", Outcome.completed(), 170 * MS);

        assertThat(statistics.snapshot().outcomes()).containsExactly(Map.entry("COMPLETED", 1L));
        assertThat(tracker.finishedCount()).isEqualTo(1);
        // the duplicate waits as an early observation and expires without effect
        assertThat(tracker.expireEarlyObservations(400 * MS, 100 * MS)).isEqualTo(1);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void ignoresTerminalEventsOfOrdersItDidNotPlace() {
        tracker.observed("someone-else", Outcome.completed(), 100 * MS);

        assertThat(tracker.expireEarlyObservations(200 * MS, 50 * MS)).isEqualTo(1);
        assertThat(statistics.snapshot().outcomes()).isEmpty();
        assertThat(statistics.snapshot().terminalInWindow()).isZero();
    }

    @Test
    void announcesAcceptedOrdersToListeners() {
        List<String> announced = new ArrayList<>();
        tracker.onAccepted(order -> announced.add(order.orderId()));

        tracker.accepted("o-4", 100 * MS, 110 * MS);

        assertThat(announced).containsExactly("o-4");
    }

    @Test
    void reportsOrdersThatNeverEndedAsUnfinished() {
        TrackedOrder stuck = tracker.accepted("o-5", 100 * MS, 110 * MS);
        tracker.accepted("o-6", 120 * MS, 130 * MS);
        tracker.observed("o-6", Outcome.completed(), 200 * MS);

        List<TrackedOrder> unfinished = tracker.closeUnfinished();

        assertThat(unfinished).extracting(TrackedOrder::orderId).containsExactly("o-5");
        assertThat(stuck.terminal()).isDone();
        assertThat(statistics.snapshot().outcomes())
                .containsEntry(RunStatistics.UNFINISHED, 1L)
                .containsEntry("COMPLETED", 1L);
    }
}
