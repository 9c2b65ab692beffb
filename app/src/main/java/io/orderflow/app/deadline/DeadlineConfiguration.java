package io.orderflow.app.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.Optional;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerHumanReadableDeadlineDetails;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerHumanReadableEventData;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Persistent deadlines: Axon's {@link DbSchedulerDeadlineManager} on db-scheduler, whose
 * {@code scheduled_tasks} table lives in the application's database.
 *
 * <p>What this replaces and why: with a db-scheduler {@link Scheduler} bean present, Axon's
 * {@code AxonDbSchedulerAutoConfiguration} would create a {@code DbSchedulerDeadlineManager} and a
 * {@code DbSchedulerEventScheduler} storing <em>binary</em> task data, which db-scheduler then
 * writes with Java serialization. Here both use Axon's <em>human-readable</em> task data (the
 * payload and scope serialized by the Jackson {@code eventSerializer}), and db-scheduler writes task
 * data with its {@link JacksonSerializer}: {@code scheduled_tasks.task_data} is JSON an operator can
 * read, and no Java serialization is involved anywhere. Axon's auto-configured beans back off
 * because these exist (the tasks by their qualifiers {@code deadlineDetailsTask} and
 * {@code eventDataTask}).
 *
 * <p>Deadlines survive restarts: a deadline is a row in {@code scheduled_tasks}, inserted in the
 * transaction of the unit of work that scheduled it (db-scheduler uses a transaction-aware data
 * source) and executed by whichever node polls it once it is due. The scheduler starts only when
 * the context is ready ({@code db-scheduler.delay-startup-until-context-ready: true}), so a deadline
 * that fell due while the application was down is delivered after the sagas and aggregates are
 * registered. A delivery that fails is retried with {@link CappedExponentialBackOff}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineConfiguration {

    /**
     * Makes db-scheduler store task data as JSON.
     *
     * @return the customizer the db-scheduler starter applies to its scheduler
     */
    @Bean
    public DbSchedulerCustomizer dbSchedulerCustomizer() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<com.github.kagkarlsson.scheduler.serializer.Serializer> serializer() {
                return Optional.of(new JacksonSerializer());
            }
        };
    }

    /**
     * The db-scheduler task that delivers due deadlines to their saga or aggregate.
     *
     * @param context    resolves the deadline manager lazily (the task is needed to build the
     *                   scheduler, which the deadline manager needs)
     * @param properties back-off of failed deliveries
     * @return the task, registered with the scheduler by the db-scheduler starter
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    public Task<DbSchedulerHumanReadableDeadlineDetails> deadlineDetailsTask(ApplicationContext context,
                                                                             DeadlineProperties properties) {
        return new RetryingOneTimeTask<>(
                DbSchedulerDeadlineManager.humanReadableTask(() -> context.getBean(DbSchedulerDeadlineManager.class)),
                new CappedExponentialBackOff<>(properties.retryInitialDelay(), properties.retryMaxDelay()));
    }

    /**
     * The db-scheduler task that publishes scheduled events.
     *
     * @param context    resolves the event scheduler lazily
     * @param properties back-off of failed publications
     * @return the task, registered with the scheduler by the db-scheduler starter
     */
    @Bean
    @Qualifier("eventDataTask")
    public Task<DbSchedulerHumanReadableEventData> eventDataTask(ApplicationContext context,
                                                                  DeadlineProperties properties) {
        return new RetryingOneTimeTask<>(
                DbSchedulerEventScheduler.humanReadableTask(() -> context.getBean(DbSchedulerEventScheduler.class)),
                new CappedExponentialBackOff<>(properties.retryInitialDelay(), properties.retryMaxDelay()));
    }

    /**
     * The deadline manager sagas and aggregates use (as a handler parameter).
     *
     * @param scheduler          the db-scheduler instance of the db-scheduler starter
     * @param axonConfiguration  resolves the saga or aggregate a deadline belongs to
     * @param serializer         the Jackson event serializer, for payload, metadata and scope
     * @param transactionManager runs each delivery in a transaction
     * @param spanFactory        tracing of schedule, cancel and delivery
     * @return the deadline manager ({@link ExecutingDeadlineTolerantDeadlineManager}: a cancellation of the
     *         deadline being delivered does not fail the unit of work); db-scheduler's starter starts and stops
     *         the scheduler
     */
    @Bean
    public DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler,
                                                      org.axonframework.config.Configuration axonConfiguration,
                                                      @Qualifier("eventSerializer") Serializer serializer,
                                                      TransactionManager transactionManager,
                                                      DeadlineManagerSpanFactory spanFactory) {
        return new ExecutingDeadlineTolerantDeadlineManager(
                DbSchedulerDeadlineManager.builder()
                                          .scheduler(scheduler)
                                          .scopeAwareProvider(new ConfigurationScopeAwareProvider(axonConfiguration))
                                          .serializer(serializer)
                                          .transactionManager(transactionManager)
                                          .spanFactory(spanFactory)
                                          .useBinaryPojo(false)
                                          .startScheduler(false)
                                          .stopScheduler(false),
                scheduler, spanFactory);
    }

    /**
     * Schedules events for later publication (Axon's {@code EventScheduler}), persisted the same way.
     *
     * @param scheduler          the db-scheduler instance of the db-scheduler starter
     * @param serializer         the Jackson event serializer
     * @param transactionManager runs each publication in a transaction
     * @param eventBus           the event store
     * @return the event scheduler
     */
    @Bean
    public DbSchedulerEventScheduler eventScheduler(Scheduler scheduler,
                                                    @Qualifier("eventSerializer") Serializer serializer,
                                                    TransactionManager transactionManager,
                                                    EventBus eventBus) {
        return DbSchedulerEventScheduler.builder()
                                        .scheduler(scheduler)
                                        .serializer(serializer)
                                        .transactionManager(transactionManager)
                                        .eventBus(eventBus)
                                        .useBinaryPojo(false)
                                        .startScheduler(false)
                                        .stopScheduler(false)
                                        .build();
    }
}
