package io.orderflow.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * The message monitors an operator of this system needs, at a small fraction of the cost of Axon's
 * (axon-micrometer's {@code GlobalMetricRegistry} in dimensional mode).
 *
 * <p>Axon's monitors find their meters in the registry again for every message: a command costs ten
 * lookups (four timers, five counters, a capacity gauge), an event eleven in each processor and
 * nine in the event store, each building a meter id with tags that the registry hashes and compares;
 * four of the timers per message keep client-side percentiles in rotating histograms, and the
 * capacity monitor allocates a sliding-window reservoir per message and inserts into a skip list.
 * With ~10 commands, ~10 events and ~30 processor deliveries per saga that was about a third of the
 * application's CPU. These monitors resolve their meters once per component and payload type and
 * then only increment counters and record a plain timer:
 *
 * <table>
 *   <caption>Meters (names and tags as Axon's dimensional ones)</caption>
 *   <tr><th>component</th><th>meters</th><th>tags</th></tr>
 *   <tr><td>command bus, query bus, query update emitter</td>
 *       <td>{@code <name>.ingestedCounter}, {@code .successCounter}, {@code .failureCounter},
 *           {@code .allTimer} (no percentiles)</td><td>{@code payloadType}</td></tr>
 *   <tr><td>event store</td>
 *       <td>{@code eventStore.ingestedCounter}, {@code .successCounter}, {@code .failureCounter}</td>
 *       <td>{@code payloadType}</td></tr>
 *   <tr><td>each event processor (saga, Kafka publisher, order-change feed, ...)</td>
 *       <td>{@code eventProcessor.ingestedCounter}, {@code .successCounter}, {@code .failureCounter},
 *           {@code .ignoredCounter}</td><td>{@code processorName}, {@code payloadType}</td></tr>
 *   <tr><td></td><td>{@code eventProcessor.latency} (gauge, ms)</td><td>{@code processorName}</td></tr>
 * </table>
 *
 * <p>Other component types get no monitor. A component asking twice under one name gets the same
 * monitor, so its meters (the latency gauge in particular) stay one.
 */
public final class LeanMessageMonitors {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, MessageMonitor<Message<?>>> byComponent = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters go
     */
    public LeanMessageMonitors(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The monitor of a component, as Axon's configuration asks for it.
     *
     * @param componentType the component's type
     * @param componentName its name: the meter name prefix of a bus, the {@code processorName} tag
     *                      of an event processor
     * @return its monitor, a no-op one for components without metrics
     */
    public MessageMonitor<Message<?>> monitorFor(Class<?> componentType, String componentName) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return byComponent.computeIfAbsent("processor:" + componentName,
                    key -> new EventProcessorMessageMonitor(componentName, registry));
        }
        if (CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType)
                || QueryUpdateEmitter.class.isAssignableFrom(componentType)) {
            return byComponent.computeIfAbsent("bus:" + componentName,
                    key -> new HandlerMessageMonitor(componentName, registry));
        }
        if (EventBus.class.isAssignableFrom(componentType)) {
            return byComponent.computeIfAbsent("bus:" + componentName,
                    key -> new EventBusMessageMonitor(componentName, registry));
        }
        return NoOpMessageMonitor.instance();
    }
}
