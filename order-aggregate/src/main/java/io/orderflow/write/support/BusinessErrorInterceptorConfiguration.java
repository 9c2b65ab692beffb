package io.orderflow.write.support;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link BusinessErrorInterceptor} on the application's {@link CommandBus}, whichever
 * implementation the application provides.
 *
 * <p>The interceptor is deliberately not a Spring bean: Axon's auto-configuration registers every
 * {@code MessageHandlerInterceptor} bean on the command bus by itself, and a second registration
 * would wrap each handler twice.
 */
@Configuration(proxyBeanMethods = false)
public class BusinessErrorInterceptorConfiguration {

    /**
     * Registers the interceptor on the command bus.
     *
     * @param commandBus the application's command bus
     */
    @Autowired
    public void registerBusinessErrorInterceptor(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new BusinessErrorInterceptor());
    }
}
