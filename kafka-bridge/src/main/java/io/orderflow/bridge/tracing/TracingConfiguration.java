package io.orderflow.bridge.tracing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing across the message flow: the {@link TraceCorrelationDataProvider} (which Axon applies to
 * every command bus and event processor that has a {@code CorrelationDataInterceptor}), and the
 * {@link CorrelationIdMdcInterceptor} on every event processor (sagas included) and on every
 * {@link CommandBus} bean.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    /** Stateless; one instance serves every processor and command bus. */
    private static final CorrelationIdMdcInterceptor MDC_INTERCEPTOR = new CorrelationIdMdcInterceptor();

    /** Replaces Axon's {@code MessageOriginProvider}: correlation and causation identifiers. */
    @Bean
    public CorrelationDataProvider traceCorrelationDataProvider() {
        return new TraceCorrelationDataProvider();
    }

    /**
     * Registers the MDC interceptor on every event processor.
     *
     * @param eventProcessing the Axon event processing configuration
     */
    @Autowired
    public void registerMdcOnEventProcessors(EventProcessingConfigurer eventProcessing) {
        eventProcessing.registerDefaultHandlerInterceptor((configuration, processorName) -> MDC_INTERCEPTOR);
    }

    /**
     * Registers an MDC interceptor on every {@link CommandBus} bean (the application's
     * {@code AsynchronousCommandBus}), so the MDC is set on the thread that handles the command.
     */
    @Bean
    public static BeanPostProcessor commandBusMdcRegistrar() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CommandBus commandBus) {
                    commandBus.registerHandlerInterceptor(MDC_INTERCEPTOR);
                }
                return bean;
            }
        };
    }
}
