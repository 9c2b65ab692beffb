package io.orderflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClosedLoopDriverTest {

    @Test
    void keepsExactlyTheConfiguredNumberOfOrdersInFlight() throws InterruptedException {
        FakeApplication application = new FakeApplication(Duration.ofMillis(20), false);
        long end = System.nanoTime() + 400_000_000L;

        long submitted = new ClosedLoopDriver(4, application, Duration.ofSeconds(5)).run(end);

        assertThat(application.maxInFlight.get()).isEqualTo(4);
        // 4 slots, 20 ms per order, 400 ms: about 80 orders; allow for a slow machine
        assertThat(submitted).isBetween(20L, 84L);
    }

    @Test
    void movesOnWhenAnOrderNeverEnds() throws InterruptedException {
        FakeApplication application = new FakeApplication(Duration.ofMillis(5), true);
        long end = System.nanoTime() + 300_000_000L;

        long submitted = new ClosedLoopDriver(2, application, Duration.ofMillis(50)).run(end);

        // each slot waits out the 50 ms order timeout, then places the next order
        assertThat(submitted).isBetween(4L, 14L);
    }

    /** Accepts every order and ends it after a delay, or never. */
    private static final class FakeApplication implements OrderSubmitter {

        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final Duration sagaTime;
        private final boolean neverEnds;

        FakeApplication(Duration sagaTime, boolean neverEnds) {
            this.sagaTime = sagaTime;
            this.neverEnds = neverEnds;
        }

        @Override
        public CompletableFuture<Submission> submit(long index, long intendedNanos) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Void> terminal = new CompletableFuture<>();
            if (!neverEnds) {
                CompletableFuture.runAsync(() -> {
                    inFlight.decrementAndGet();
                    terminal.complete(null);
                }, CompletableFuture.delayedExecutor(sagaTime.toNanos(), TimeUnit.NANOSECONDS));
            } else {
                inFlight.decrementAndGet();
            }
            return CompletableFuture.completedFuture(new Submission(true, terminal));
        }

        @Override
        public void dropped(long index, long intendedNanos) {
            throw new AssertionError("a closed loop never drops");
        }
    }
}
