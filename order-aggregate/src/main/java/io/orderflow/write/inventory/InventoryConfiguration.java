package io.orderflow.write.inventory;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring configuration of the inventory aggregate: its snapshot trigger and its {@link OrderMemory}.
 * Products are hot (every order reserves, then releases or commits, on each of its SKUs), so their
 * event streams grow fast and are loaded often; a snapshot every
 * {@code orderflow.inventory.snapshot-threshold} events keeps loading them cheap.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryConfiguration {

    /** The bean name of the product snapshot trigger, referenced by {@link Product}'s {@code @Aggregate}. */
    public static final String SNAPSHOT_TRIGGER_DEFINITION = "productSnapshotTriggerDefinition";

    /**
     * Snapshots a product once the number of events applied since it was loaded reaches the
     * threshold.
     *
     * @param snapshotter the application's snapshotter (Axon's auto-configuration provides one
     *                    when there is an event store)
     * @param properties  the inventory configuration
     * @return the trigger definition
     */
    @Bean(SNAPSHOT_TRIGGER_DEFINITION)
    public SnapshotTriggerDefinition productSnapshotTriggerDefinition(Snapshotter snapshotter,
                                                                       InventoryProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /**
     * How long products remember settled orders; Axon hands it to {@link Product}'s event sourcing
     * handlers as a parameter.
     *
     * @param properties the inventory configuration
     * @return the order memory
     */
    @Bean
    public OrderMemory orderMemory(InventoryProperties properties) {
        return new OrderMemory(properties.orderMemory());
    }
}
