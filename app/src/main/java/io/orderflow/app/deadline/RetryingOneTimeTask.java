package io.orderflow.app.deadline;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.util.Objects;

/**
 * A db-scheduler one-time task that runs another task's execution handler but with its own failure
 * handler. Axon's deadline and event-scheduler tasks use db-scheduler's default (retry once every
 * five minutes); a saga timeout of ten seconds that fails on a transient error deserves a faster
 * second attempt.
 *
 * @param <T> the task data type
 */
public final class RetryingOneTimeTask<T> extends OneTimeTask<T> {

    private final Task<T> delegate;

    /**
     * @param delegate       the task whose name, data class and execution are used
     * @param failureHandler what to do when an execution fails
     */
    public RetryingOneTimeTask(Task<T> delegate, FailureHandler<T> failureHandler) {
        super(delegate.getName(), delegate.getDataClass(), failureHandler);
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void executeOnce(TaskInstance<T> taskInstance, ExecutionContext executionContext) {
        delegate.execute(taskInstance, executionContext);
    }
}
