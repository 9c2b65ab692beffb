package io.orderflow.app.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderflow.app.OrderflowApplication;
import io.orderflow.app.support.EmbeddedPostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A deadline scheduled before a shutdown is delivered after the next start: the saga timeouts of
 * this application must not depend on the process staying up. Runs the whole application twice on
 * one PostgreSQL database, with a tiny aggregate that handles the deadline by applying an event.
 */
class DeadlineSurvivesRestartIT {

    private static final String REMINDER_ID = "reminder-1";

    private final EmbeddedPostgresServer.Database database = EmbeddedPostgresServer.createDatabase();
    private final String kafkaLogDir = "target/kafka-it/deadline-restart-" + UUID.randomUUID();

    @Test
    void deliversADeadlineThatFellDueWhileTheApplicationWasDown() {
        String deadlineId;
        try (ConfigurableApplicationContext beforeRestart = start()) {
            beforeRestart.getBean(CommandGateway.class).sendAndWait(new CreateReminder(REMINDER_ID));
            deadlineId = beforeRestart.getBean(DeadlineManager.class).schedule(
                    Instant.now().plus(Duration.ofHours(1)), "remind", new Remind("call back"),
                    new AggregateScopeDescriptor(Reminder.class.getSimpleName(), REMINDER_ID));
            assertThat(firedEvents(beforeRestart)).isEmpty();
        }

        // the hour passes while the application is down
        JdbcTemplate jdbc = new JdbcTemplate(
                new DriverManagerDataSource(database.url(), database.username(), database.password()));
        int due = jdbc.update("update scheduled_tasks set execution_time = now() - interval '1 second'"
                                      + " where task_name = 'AxonDeadline' and task_instance = ?", deadlineId);
        assertThat(due).as("the deadline is persisted").isEqualTo(1);

        try (ConfigurableApplicationContext afterRestart = start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> assertThat(firedEvents(afterRestart)).containsExactly(new ReminderFired(REMINDER_ID, "call back")));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "select count(*) from scheduled_tasks where task_instance = ?", Integer.class, deadlineId)).isZero());
        }
    }

    private ConfigurableApplicationContext start() {
        // as command-line arguments: they must win over application-postgres.yml
        // and its own in-process broker, not the one of ./data/kafka on port 9092
        String[] arguments = Stream.concat(
                        Arrays.stream(database.asSpringProperties()).map(p -> "--" + p),
                        Stream.of("--orderflow.kafka.embedded.port=0", "--orderflow.kafka.embedded.controller-port=0",
                                  "--orderflow.kafka.embedded.log-dir=" + kafkaLogDir))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(OrderflowApplication.class, Reminder.class)
                .web(WebApplicationType.NONE)
                .profiles("postgres")
                .run(arguments);
    }

    private static List<Object> firedEvents(ConfigurableApplicationContext context) {
        return context.getBean(EventStore.class).readEvents(REMINDER_ID).asStream()
                      .map(message -> (Object) message.getPayload())
                      .filter(ReminderFired.class::isInstance)
                      .toList();
    }

    /** Creates a reminder. */
    record CreateReminder(@TargetAggregateIdentifier String id) {
    }

    /** A reminder was created. */
    record ReminderCreated(String id) {
    }

    /** The deadline payload. */
    record Remind(String note) {
    }

    /** The deadline reached the reminder. */
    record ReminderFired(String id, String note) {
    }

    /** An aggregate whose only job is to turn a deadline into an event. */
    @Aggregate
    public static class Reminder {

        @AggregateIdentifier
        private String id;

        protected Reminder() {
        }

        @CommandHandler
        public Reminder(CreateReminder command) {
            apply(new ReminderCreated(command.id()));
        }

        @EventSourcingHandler
        void on(ReminderCreated event) {
            this.id = event.id();
        }

        @DeadlineHandler(deadlineName = "remind")
        void remind(Remind deadline) {
            apply(new ReminderFired(id, deadline.note()));
        }
    }
}
