package io.orderflow.app.metrics;

import java.util.function.BiFunction;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Sets the default message monitor factory of Axon's configuration: every component that asks
 * {@code Configuration.messageMonitor(type, name)} gets its monitor from {@code monitors}.
 *
 * <p>Runs after Axon's {@code MetricsConfigurerModule} (order 0), whose factory it replaces: Axon
 * keeps one default factory, the last one set. Factories registered for a component type or name,
 * or per event processor, still take precedence, as Axon resolves them first.
 */
public final class MessageMonitorsModule implements ConfigurerModule {

    /** After Axon's {@code MetricsConfigurerModule}, which has the default order 0. */
    public static final int ORDER = 1;

    private final BiFunction<Class<?>, String, MessageMonitor<Message<?>>> monitors;

    /**
     * @param monitors the monitor of a component, by component type and name
     */
    public MessageMonitorsModule(BiFunction<Class<?>, String, MessageMonitor<Message<?>>> monitors) {
        this.monitors = monitors;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureMessageMonitor(configuration -> monitors);
    }

    @Override
    public int order() {
        return ORDER;
    }
}
