package io.orderflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    private static final long START = 1_000_000_000L;

    @Test
    void spacesSendsEvenlyAtTheOfferedRate() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 200);

        assertThat(schedule.intendedNanos(0)).isEqualTo(START);
        assertThat(schedule.intendedNanos(1)).isEqualTo(START + 5_000_000);
        assertThat(schedule.intendedNanos(200)).isEqualTo(START + 1_000_000_000);
    }

    @Test
    void doesNotDriftOverALongRun() {
        // 3 per second does not divide a second into whole nanoseconds: adding intervals would drift.
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 3);

        assertThat(schedule.intendedNanos(3 * 3600)).isEqualTo(START + 3600L * 1_000_000_000L);
    }

    @Test
    void countsTheSendsDueAtAnInstant() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 100);

        assertThat(schedule.dueCount(START - 1)).isZero();
        assertThat(schedule.dueCount(START)).isEqualTo(1);
        assertThat(schedule.dueCount(START + 9_999_999)).isEqualTo(1);
        assertThat(schedule.dueCount(START + 10_000_000)).isEqualTo(2);
        assertThat(schedule.dueCount(START + 1_000_000_000)).isEqualTo(101);
    }

    @Test
    void dueCountAgreesWithIntendedTimesForFractionalRates() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 7.3);

        for (long index = 0; index < 5_000; index++) {
            long intended = schedule.intendedNanos(index);
            assertThat(schedule.dueCount(intended)).as("due at send %d", index).isEqualTo(index + 1);
            assertThat(schedule.dueCount(intended - 1)).as("just before send %d", index).isEqualTo(index);
        }
    }

    @Test
    void offersTheWarmUpRateUntilTheWarmUpEndsThenTheMainRate() {
        // 10/s for 2 s (sends 0..19), then 100/s from START + 2 s
        OpenLoopSchedule schedule = new OpenLoopSchedule(START, 10, 2_000_000_000L, 100);

        assertThat(schedule.intendedNanos(19)).isEqualTo(START + 1_900_000_000L);
        assertThat(schedule.intendedNanos(20)).isEqualTo(START + 2_000_000_000L);
        assertThat(schedule.intendedNanos(21)).isEqualTo(START + 2_010_000_000L);
        assertThat(schedule.dueCount(START + 1_999_999_999L)).isEqualTo(20);
        assertThat(schedule.dueCount(START + 3_000_000_000L)).as("20 in the warm-up, 101 in the first second after")
                .isEqualTo(121);
        for (long index = 0; index < 500; index++) {
            long intended = schedule.intendedNanos(index);
            assertThat(schedule.dueCount(intended)).as("due at send %d", index).isEqualTo(index + 1);
            assertThat(schedule.dueCount(intended - 1)).as("just before send %d", index).isEqualTo(index);
        }
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new OpenLoopSchedule(START, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(START, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(START, 0, 1_000, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OpenLoopSchedule(START, 10, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
