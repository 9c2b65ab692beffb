package io.orderflow.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The meters an operator reads, on a real Axon configuration (command bus, embedded event store,
 * tracking processor) with the module as the Spring context builds it: they exist and move when a
 * command and an event are handled, failures are counted, the lag of a processor shows, and the
 * lean monitors replace Axon's own ones (whose per-message registry lookups they save).
 */
class LeanMessageMonitorsTest {

    private static final String PROCESSOR = "projection";

    record Ping(String id) {
    }

    record Pinged(String id) {
    }

    record Explode(String id) {
    }

    record Exploding(String id) {
    }

    record Poison(String id) {
    }

    record Poisoned(String id) {
    }

    record Late(String id) {
    }

    record Delayed(String id) {
    }

    /** Command handlers publishing one event each; {@link Explode} fails after publishing. */
    static class Handlers {

        private final EventBus eventBus;

        Handlers(EventBus eventBus) {
            this.eventBus = eventBus;
        }

        @CommandHandler
        void handle(Ping command) {
            eventBus.publish(GenericEventMessage.asEventMessage(new Pinged(command.id())));
        }

        @CommandHandler
        void handle(Explode command) {
            eventBus.publish(GenericEventMessage.asEventMessage(new Exploding(command.id())));
            throw new IllegalStateException("the command fails after publishing: its event is rolled back");
        }

        @CommandHandler
        void handle(Poison command) {
            eventBus.publish(GenericEventMessage.asEventMessage(new Poisoned(command.id())));
        }

        @CommandHandler
        void handle(Late command) {
            eventBus.publish(new GenericEventMessage<>(UUID.randomUUID().toString(), new Delayed(command.id()),
                                                       MetaData.emptyInstance(), Instant.now().minusSeconds(30)));
        }
    }

    /** The read side: handles {@link Pinged} and {@link Delayed}, fails on {@link Poisoned}. */
    @ProcessingGroup(PROCESSOR)
    static class Projection {

        @EventHandler
        void on(Pinged event) {
        }

        @EventHandler
        void on(Delayed event) {
        }

        @EventHandler
        void on(Poisoned event) {
            throw new IllegalStateException("the read model cannot take this event");
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private Configuration axon;

    @AfterEach
    void shutDown() {
        if (axon != null) {
            axon.shutdown();
        }
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void countsAndTimesACommandAndCountsItsEventInTheStoreAndInTheProcessor() {
        start(lean());

        axon.commandGateway().sendAndWait(new Ping("1"));

        assertThat(count("commandBus.ingestedCounter", "Ping")).isEqualTo(1);
        assertThat(count("commandBus.successCounter", "Ping")).isEqualTo(1);
        assertThat(registry.get("commandBus.allTimer").tag("payloadType", "Ping").timer().count()).isEqualTo(1);
        assertThat(count("eventStore.ingestedCounter", "Pinged")).isEqualTo(1);
        assertThat(count("eventStore.successCounter", "Pinged")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(processorCount("ingestedCounter", "Pinged")).isEqualTo(1);
            assertThat(processorCount("successCounter", "Pinged")).isEqualTo(1);
        });
        assertThat(registry.get("eventProcessor.latency").tag("processorName", PROCESSOR).gauge().value())
                .isBetween(0.0, 10_000.0);
    }

    @Test
    void countsAFailedCommandAndRollsBackItsEventsInTheCount() {
        start(lean());

        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new Explode("1")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(count("commandBus.failureCounter", "Explode")).isEqualTo(1);
        assertThat(count("commandBus.successCounter", "Explode")).isZero();
        assertThat(registry.get("commandBus.allTimer").tag("payloadType", "Explode").timer().count()).isEqualTo(1);
        assertThat(count("eventStore.ingestedCounter", "Exploding")).isEqualTo(1);
        assertThat(count("eventStore.failureCounter", "Exploding")).isEqualTo(1);
        assertThat(count("eventStore.successCounter", "Exploding")).isZero();
    }

    @Test
    void countsAnEventTheProcessorFailedOn() {
        start(lean());

        axon.commandGateway().sendAndWait(new Poison("1"));
        axon.commandGateway().sendAndWait(new Ping("2"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(processorCount("failureCounter", "Poisoned")).isEqualTo(1);
            assertThat(processorCount("successCounter", "Pinged")).isEqualTo(1);
        });
        assertThat(registry.find("eventProcessor.successCounter").tag("payloadType", "Poisoned").counter()
                           .count()).isZero();
    }

    @Test
    void showsHowFarBehindItsEventsAProcessorRuns() {
        start(lean());

        axon.commandGateway().sendAndWait(new Late("1"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                registry.get("eventProcessor.latency").tag("processorName", PROCESSOR).gauge().value())
                .isGreaterThanOrEqualTo(30_000.0));
    }

    @Test
    void replacesAxonsOwnMonitorsWhicheverOrderTheModulesComeIn() {
        start(lean(), axonsOwn());

        axon.commandGateway().sendAndWait(new Ping("1"));
        await().atMost(Duration.ofSeconds(10))
               .untilAsserted(() -> assertThat(processorCount("successCounter", "Pinged")).isEqualTo(1));

        assertThat(count("commandBus.ingestedCounter", "Ping")).isEqualTo(1);
        assertThat(registry.find("commandBus.successTimer").meters()).isEmpty();
        assertThat(registry.find("commandBus.capacity").meters()).isEmpty();
        assertThat(registry.find("eventStore.allTimer").meters()).isEmpty();
        assertThat(registry.find("eventProcessor.allTimer").meters()).isEmpty();
        assertThat(registry.find("eventProcessor.capacity").meters()).isEmpty();
    }

    @Test
    void theModeAxonLeavesAxonsOwnMonitorsInCharge() {
        start(module("axon"), axonsOwn());

        axon.commandGateway().sendAndWait(new Ping("1"));

        assertThat(registry.get("commandBus.successTimer").tag("payloadType", "Ping").timer().count()).isEqualTo(1);
    }

    @Test
    void theModeOffRegistersNoMessageMeters() {
        start(module("off"), axonsOwn());

        axon.commandGateway().sendAndWait(new Ping("1"));
        axon.commandGateway().sendAndWait(new Late("2"));

        assertThat(registry.getMeters()).isEmpty();
    }

    /** The module the application builds by default (no property set). */
    private ConfigurerModule lean() {
        return module(null);
    }

    /** The module the application builds for {@code orderflow.metrics.axon=mode}. */
    private ConfigurerModule module(String mode) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        if (mode != null) {
            TestPropertyValues.of("orderflow.metrics.axon=" + mode).applyTo(context);
        }
        context.registerBean(MeterRegistry.class, () -> registry);
        context.register(AxonMetricsConfiguration.class);
        context.refresh();
        contexts.add(context);
        return context.getBean(ConfigurerModule.class);
    }

    /** What Axon's Spring Boot auto-configuration registers with {@code axon.metrics.micrometer.dimensional=true}. */
    private ConfigurerModule axonsOwn() {
        return new MetricsConfigurerModule(new GlobalMetricRegistry(registry), true);
    }

    /** Applies the modules in the order Axon's {@code ConfigurerFactoryBean} does, and starts. */
    private void start(ConfigurerModule... modules) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerCommandHandler(c -> new Handlers(c.eventBus()))
                .registerEventHandler(c -> new Projection());
        configurer.eventProcessing()
                  .usingTrackingEventProcessors()
                  .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                  .registerDefaultErrorHandler(c -> errorContext -> {
                      // the failure is counted by the monitor; the processor moves on to the next event
                  });
        List<ConfigurerModule> sorted = new ArrayList<>(List.of(modules));
        sorted.sort(Comparator.comparingInt(ConfigurerModule::order));
        sorted.forEach(module -> module.configureModule(configurer));
        axon = configurer.buildConfiguration();
        axon.start();
    }

    private double count(String name, String payloadType) {
        return registry.get(name).tag("payloadType", payloadType).counter().count();
    }

    private double processorCount(String counter, String payloadType) {
        var found = registry.find("eventProcessor." + counter).tag("processorName", PROCESSOR)
                            .tag("payloadType", payloadType).counter();
        return found == null ? 0 : found.count();
    }
}
