package io.orderflow.app.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * db-scheduler failure handler: reschedules a failed execution after {@code initial},
 * {@code 2 x initial}, {@code 4 x initial} ... capped at {@code max}, and never gives up (a deadline
 * that is dropped leaves its saga waiting forever).
 *
 * @param <T> the task data type
 */
public final class CappedExponentialBackOff<T> implements FailureHandler<T> {

    private static final Logger log = LoggerFactory.getLogger(CappedExponentialBackOff.class);
    private static final int MAX_SHIFT = 30;

    private final Duration initial;
    private final Duration max;

    /**
     * @param initial delay after the first failure
     * @param max     largest delay between two attempts
     */
    public CappedExponentialBackOff(Duration initial, Duration max) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
    }

    /**
     * @param consecutiveFailures failures so far, including the one being handled (at least 1)
     * @return the delay before the next attempt
     */
    public Duration delayAfter(int consecutiveFailures) {
        int shift = Math.min(Math.max(consecutiveFailures - 1, 0), MAX_SHIFT);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    @Override
    public void onFailure(ExecutionComplete executionComplete, ExecutionOperations<T> executionOperations) {
        // consecutiveFailures counts the failures before this one
        int failures = executionComplete.getExecution().consecutiveFailures + 1;
        Instant next = executionComplete.getTimeDone().plus(delayAfter(failures));
        log.warn("Execution of {} failed ({} consecutive failure(s)); next attempt at {}",
                 executionComplete.getExecution().taskInstance, failures, next,
                 executionComplete.getCause().orElse(null));
        executionOperations.reschedule(executionComplete, next);
    }
}
