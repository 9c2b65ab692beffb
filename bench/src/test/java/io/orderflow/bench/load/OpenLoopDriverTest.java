package io.orderflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OpenLoopDriverTest {

    @Test
    void issuesEveryDueSendWithItsIntendedTime() {
        RecordingSubmitter submitter = new RecordingSubmitter(true);
        long start = System.nanoTime();
        OpenLoopSchedule schedule = new OpenLoopSchedule(start, 400);

        long issued = new OpenLoopDriver(schedule, submitter, 1_000).run(start + 250_000_000L);

        assertThat(issued).isEqualTo(100);
        assertThat(submitter.sent).hasSize(100);
        for (int i = 0; i < submitter.sent.size(); i++) {
            long[] send = submitter.sent.get(i);
            assertThat(send[0]).isEqualTo(i);
            assertThat(send[1]).isEqualTo(schedule.intendedNanos(i));
            assertThat(send[2]).as("never sent before it is due").isGreaterThanOrEqualTo(send[1]);
        }
        assertThat(submitter.dropped).isEmpty();
    }

    @Test
    void catchesUpWhenStartedLateInsteadOfShiftingTheSchedule() {
        RecordingSubmitter submitter = new RecordingSubmitter(true);
        long start = System.nanoTime() - 100_000_000L; // the first 100 ms are already past

        long issued = new OpenLoopDriver(new OpenLoopSchedule(start, 200), submitter, 1_000).run(start + 200_000_000L);

        assertThat(issued).isEqualTo(40);
        // sends 0..19 were due 100..5 ms before the driver started: they go out at once, and keep
        // their intended times, so that their latency shows the delay
        long late = submitter.sent.stream().limit(20).filter(send -> send[2] - send[1] >= 4_000_000L).count();
        assertThat(late).isEqualTo(20);
    }

    @Test
    void dropsAndReportsSendsBeyondTheOutstandingLimit() {
        RecordingSubmitter submitter = new RecordingSubmitter(false); // the application never answers
        long start = System.nanoTime();

        long due = new OpenLoopDriver(new OpenLoopSchedule(start, 500), submitter, 10).run(start + 100_000_000L);

        assertThat(due).isEqualTo(50);
        assertThat(submitter.sent).hasSize(10);
        assertThat(submitter.dropped).hasSize(40);
    }

    private static final class RecordingSubmitter implements OrderSubmitter {

        final List<long[]> sent = new CopyOnWriteArrayList<>();
        final List<Long> dropped = new CopyOnWriteArrayList<>();
        private final boolean answers;

        RecordingSubmitter(boolean answers) {
            this.answers = answers;
        }

        @Override
        public CompletableFuture<Submission> submit(long index, long intendedNanos) {
            sent.add(new long[] {index, intendedNanos, System.nanoTime()});
            return answers ? CompletableFuture.completedFuture(Submission.failed()) : new CompletableFuture<>();
        }

        @Override
        public void dropped(long index, long intendedNanos) {
            dropped.add(index);
        }
    }
}
