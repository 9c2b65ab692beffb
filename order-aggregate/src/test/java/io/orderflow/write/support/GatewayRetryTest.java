package io.orderflow.write.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayRetryTest {

    /** The technical failure type retried in these tests. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    private final List<Long> waits = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    private GatewayRetry retry(int maxAttempts, Duration backoff) {
        return new GatewayRetry(maxAttempts, backoff, Unreachable.class, waits::add);
    }

    private String failTimes(int failures) {
        int call = calls.incrementAndGet();
        if (call <= failures) {
            throw new Unreachable("failure " + call);
        }
        return "ok after " + call;
    }

    @Test
    void returnsFirstSuccessWithoutWaiting() {
        String result = retry(3, Duration.ofMillis(100)).call(() -> failTimes(0));

        assertThat(result).isEqualTo("ok after 1");
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesTechnicalFailuresWithExponentialBackoff() {
        String result = retry(3, Duration.ofMillis(100)).call(() -> failTimes(2));

        assertThat(result).isEqualTo("ok after 3");
        assertThat(waits).containsExactly(100L, 200L);
    }

    @Test
    void givesUpAfterTheLastAttemptReportingAttemptsAndLastFailure() {
        RetriesExhaustedException exhausted = catchThrowableOfType(RetriesExhaustedException.class,
                () -> retry(4, Duration.ofMillis(50)).call(() -> failTimes(10)));

        assertThat(exhausted.attempts()).isEqualTo(4);
        assertThat(exhausted.lastFailureMessage()).isEqualTo("failure 4");
        assertThat(exhausted).hasCauseInstanceOf(Unreachable.class);
        assertThat(waits).containsExactly(50L, 100L, 200L);
    }

    @Test
    void doesNotRetryOtherExceptions() {
        IllegalStateException bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> retry(3, Duration.ofMillis(100)).run(() -> {
            calls.incrementAndGet();
            throw bug;
        })).isSameAs(bug);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesWithoutWaitingWhenBackoffIsZero() {
        String result = retry(2, Duration.ZERO).call(() -> failTimes(1));

        assertThat(result).isEqualTo("ok after 2");
        assertThat(waits).isEmpty();
    }

    @Test
    void triesOnceWhenMaxAttemptsIsOne() {
        RetriesExhaustedException exhausted = catchThrowableOfType(RetriesExhaustedException.class,
                () -> retry(1, Duration.ofMillis(100)).call(() -> failTimes(1)));

        assertThat(exhausted.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThatThrownBy(() -> retry(0, Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retry(3, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
