package io.orderflow.write.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.StockRestockedEvent;
import io.orderflow.api.inventory.Sku;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class InventoryConfigurationTest {

    private final List<String> snapshotsScheduled = new ArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> snapshotsScheduled.add(type.getSimpleName() + ":" + id);
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(InventoryConfiguration.class)
            .withBean(Snapshotter.class, () -> snapshotter);

    /** Feeds the trigger the given number of events of one product, as the repository does while loading. */
    private void handleEvents(SnapshotTriggerDefinition definition, int count) {
        SnapshotTrigger trigger = definition.prepareTrigger(Product.class);
        for (int sequence = 0; sequence < count; sequence++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("Product", "WIDGET-1", sequence,
                    new StockRestockedEvent(new Sku("WIDGET-1"), 1, sequence + 1, 0)));
        }
    }

    @Test
    void snapshotsAProductEveryHundredEventsByDefault() {
        context.run(ctx -> {
            SnapshotTriggerDefinition definition = ctx.getBean(InventoryConfiguration.SNAPSHOT_TRIGGER_DEFINITION,
                    SnapshotTriggerDefinition.class);

            handleEvents(definition, 99);
            assertThat(snapshotsScheduled).isEmpty();

            handleEvents(definition, 100);
            assertThat(snapshotsScheduled).containsExactly("Product:WIDGET-1");
        });
    }

    @Test
    void snapshotsAtTheConfiguredThreshold() {
        context.withPropertyValues("orderflow.inventory.snapshot-threshold=3").run(ctx -> {
            handleEvents(ctx.getBean(InventoryConfiguration.SNAPSHOT_TRIGGER_DEFINITION,
                    SnapshotTriggerDefinition.class), 7);

            assertThat(snapshotsScheduled).hasSize(2);
        });
    }

    @Test
    void remembersSettledOrdersForSevenDaysByDefault() {
        context.run(ctx -> assertThat(ctx.getBean(OrderMemory.class)).isEqualTo(OrderMemory.DEFAULT)
                .extracting(OrderMemory::retention).isEqualTo(Duration.ofDays(7)));
    }

    @Test
    void remembersSettledOrdersForTheConfiguredTime() {
        context.withPropertyValues("orderflow.inventory.order-memory=2h").run(ctx ->
                assertThat(ctx.getBean(OrderMemory.class).retention()).isEqualTo(Duration.ofHours(2)));
    }

    @Test
    void refusesToStartWithAnOrderMemoryThatIsNotPositive() {
        context.withPropertyValues("orderflow.inventory.order-memory=0s").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasRootCauseMessage(
                        "orderflow.inventory.order-memory must be positive: PT0S"));
    }

    @Test
    void refusesToStartWithAThresholdBelowOne() {
        context.withPropertyValues("orderflow.inventory.snapshot-threshold=0").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasRootCauseMessage(
                        "orderflow.inventory.snapshot-threshold must be at least 1: 0"));
    }
}
