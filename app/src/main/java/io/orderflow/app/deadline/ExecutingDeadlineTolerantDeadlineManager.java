package io.orderflow.app.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.util.Objects;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's {@link DbSchedulerDeadlineManager}, except that cancelling a deadline db-scheduler is delivering at
 * that moment leaves the unit of work alone.
 *
 * <p>Why: a saga that ends cancels its deadline in the prepare-commit phase of the event processor's unit of
 * work. If that deadline fell due a moment before, db-scheduler has picked it and its delivery waits for the
 * saga; db-scheduler then refuses the cancellation with {@link TaskInstanceCurrentlyExecutingException} (or,
 * when it picked the deadline between reading and removing it, with an {@link ExecutionException}), and
 * Axon's manager lets it fail the prepare-commit. The saga processor's whole batch (up to
 * {@code orderflow.saga.processor.batch-size} events of many sagas) rolled back and was retried in the
 * processor's retry mode, its segment stalled meanwhile (measured under overload: several a minute, each
 * stalling a quarter of the sagas for a second or more). Here the cancellation is dropped instead, and the
 * delivery under way goes nowhere: it finds the saga ended (Axon skips a deadline whose saga is gone). A saga
 * that lives on never cancels a deadline that is due: with one deadline per saga it keeps a deadline due
 * before its stage, and with a deadline per stage it ignores a deadline of another stage. A deadline that
 * does not exist (already delivered or cancelled) is ignored, as Axon does.
 */
public class ExecutingDeadlineTolerantDeadlineManager extends DbSchedulerDeadlineManager {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutingDeadlineTolerantDeadlineManager.class);

    private final Scheduler scheduler;
    private final DeadlineManagerSpanFactory spanFactory;

    /**
     * @param builder     Axon's builder, configured with the same {@code scheduler} and {@code spanFactory}
     * @param scheduler   the db-scheduler instance the builder got
     * @param spanFactory the span factory the builder got
     */
    public ExecutingDeadlineTolerantDeadlineManager(Builder builder, Scheduler scheduler,
                                                    DeadlineManagerSpanFactory spanFactory) {
        super(builder);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.spanFactory = Objects.requireNonNull(spanFactory, "spanFactory");
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        Span span = spanFactory.createCancelScheduleSpan(deadlineName, scheduleId);
        runOnPrepareCommitOrNow(span.wrapRunnable(() -> {
            try {
                scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
            } catch (TaskInstanceNotFoundException e) {
                LOG.debug("Deadline {} [{}] to cancel does not exist (delivered or cancelled before)", deadlineName,
                        scheduleId);
            } catch (TaskInstanceCurrentlyExecutingException e) {
                LOG.debug("Deadline {} [{}] to cancel is being delivered right now; its delivery finds out it is"
                        + " stale", deadlineName, scheduleId);
            } catch (ExecutionException e) {
                // db-scheduler read the execution, then removed nothing: it was picked (or done) in between
                TaskInstanceId id = new DbSchedulerDeadlineToken(scheduleId);
                if (scheduler.getScheduledExecution(id).filter(execution -> !execution.isPicked()).isPresent()) {
                    throw e;
                }
                LOG.debug("Deadline {} [{}] to cancel was picked for delivery while it was being cancelled",
                        deadlineName, scheduleId);
            }
        }));
    }
}
