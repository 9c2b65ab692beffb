package io.orderflow.app.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saga that ends while its deadline is being delivered cancels a deadline db-scheduler is executing.
 * Runs a real db-scheduler on H2 with the application's {@code scheduled_tasks} table and a deadline task
 * that is held in the middle of its execution.
 */
class ExecutingDeadlineTolerantDeadlineManagerTest {

    private static final String DEADLINE = "saga-timeout";

    private final CountDownLatch executing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final OneTimeTask<Void> deadlineTask = Tasks.oneTime("AxonDeadline")
            .execute((instance, context) -> {
                executing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
    private final DeadlineManagerSpanFactory spanFactory =
            DefaultDeadlineManagerSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build();
    private Scheduler scheduler;

    @BeforeEach
    void startScheduler() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:deadlines-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        createTables(dataSource);
        scheduler = Scheduler.create(dataSource, deadlineTask)
                .pollingInterval(Duration.ofMillis(50))
                .threads(1)
                .build();
        scheduler.start();
    }

    @AfterEach
    void stopScheduler() {
        release.countDown();
        scheduler.stop();
    }

    @Test
    void cancellingTheDeadlineBeingDeliveredLeavesTheUnitOfWorkToCommit() throws Exception {
        deliveringNow("d-1");

        assertThatCode(() -> cancelInUnitOfWork(tolerantManager(), "d-1")).doesNotThrowAnyException();
    }

    @Test
    void axonsOwnManagerFailsTheUnitOfWorkThatCancelsTheDeadlineBeingDelivered() throws Exception {
        deliveringNow("d-1");

        assertThatThrownBy(() -> cancelInUnitOfWork(builder().build(), "d-1"))
                .isInstanceOf(TaskInstanceCurrentlyExecutingException.class);
    }

    @Test
    void stillCancelsADeadlineThatIsNotDueYet() {
        scheduler.schedule(deadlineTask.instance("d-2"), Instant.now().plus(Duration.ofHours(1)));

        cancelInUnitOfWork(tolerantManager(), "d-2");

        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("AxonDeadline", "d-2"))).isEmpty();
    }

    @Test
    void ignoresADeadlineThatNoLongerExists() {
        assertThatCode(() -> cancelInUnitOfWork(tolerantManager(), "delivered-before")).doesNotThrowAnyException();
    }

    private void deliveringNow(String id) throws InterruptedException {
        scheduler.schedule(deadlineTask.instance(id), Instant.now());
        assertThat(executing.await(30, TimeUnit.SECONDS)).as("db-scheduler picked the deadline").isTrue();
    }

    /** What the saga processor does when a saga ends: the cancellation runs in the prepare-commit phase. */
    private static void cancelInUnitOfWork(DbSchedulerDeadlineManager manager, String id) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        manager.cancelSchedule(DEADLINE, id);
        unitOfWork.commit();
    }

    private ExecutingDeadlineTolerantDeadlineManager tolerantManager() {
        return new ExecutingDeadlineTolerantDeadlineManager(builder(), scheduler, spanFactory);
    }

    private DbSchedulerDeadlineManager.Builder builder() {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(scope -> Stream.empty())
                .serializer(JacksonSerializer.defaultSerializer())
                .transactionManager(NoTransactionManager.INSTANCE)
                .spanFactory(spanFactory)
                .startScheduler(false)
                .stopScheduler(false);
    }

    private static void createTables(JdbcDataSource dataSource) throws IOException, SQLException {
        String ddl;
        try (InputStream in = ExecutingDeadlineTolerantDeadlineManagerTest.class
                .getResourceAsStream("/db/migration/h2/V101__db_scheduler.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }
}
