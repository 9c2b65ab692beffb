package io.orderflow.app.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.orderflow.write.support.AggregateOnlyCommands;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side of the message bus: a {@link TransactionBatchingCommandBus} (or, with
 * {@code orderflow.command-bus.batch.enabled: false}, an {@link AsynchronousCommandBus}) on a bounded
 * pool, and a {@link CommandGateway} that retries transient failures only.
 *
 * <p>Commands run on the bus's own threads, never in the sender's unit of work, so a saga handler
 * dispatches and returns, and a failing command never rolls back the saga (see
 * {@code docs/architecture.md}, "Command bus"). The aggregate-only commands
 * ({@link AggregateOnlyCommands}) that wait at the same time share a transaction; every other command
 * runs alone on the pool. The bus is configured like Axon's auto-configured
 * {@code SimpleCommandBus} (transaction manager, duplicate-handler resolver, span factory, message
 * monitor, {@link CorrelationDataInterceptor}); Axon's {@code commandBus} bean backs off because
 * this one exists. Handler interceptors declared as beans by other modules are registered on this
 * bus by Axon's {@code InterceptorAutoConfiguration}, dispatch interceptors on the gateway.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandBusProperties.class)
public class CommandBusConfiguration {

    /**
     * The command bus. Its pool threads are named {@code CommandBus-n}; its pool size and queue are
     * published as {@code executor.*} metrics with tag {@code name=commandBus}. Its lane threads are
     * named {@code CommandBatch-n}, and publish {@code orderflow.command.batch.*}.
     *
     * @param properties                      pool and queue sizes
     * @param transactionManager              Axon's transaction manager (Spring's JPA transactions)
     * @param axonConfiguration               for the message monitor, span factory and correlation providers
     * @param duplicateCommandHandlerResolver what to do when two handlers subscribe to one command
     * @param meterRegistry                   where the pool metrics go, if metrics are on
     * @return the bus; when the context closes it drains for up to
     *         {@code orderflow.command-bus.shutdown-timeout}, then interrupts what is still running
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    public SimpleCommandBus commandBus(CommandBusProperties properties,
                                       TransactionManager transactionManager,
                                       org.axonframework.config.Configuration axonConfiguration,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                       ObjectProvider<MeterRegistry> meterRegistry) {
        ThreadPoolExecutor executor = commandExecutor(properties);
        meterRegistry.ifAvailable(registry -> new ExecutorServiceMetrics(executor, "commandBus", Tags.empty())
                .bindTo(registry));
        SimpleCommandBus commandBus;
        if (properties.batch().enabled()) {
            commandBus = new TransactionBatchingCommandBus(
                    new TransactionBatchingCommandBus.Settings(properties.batch().lanes(), properties.batch().maxSize(),
                                                               properties.queueCapacity(), properties.overflowTimeout(),
                                                               properties.shutdownTimeout()),
                    configure(SimpleCommandBus.builder(), axonConfiguration, duplicateCommandHandlerResolver),
                    transactionManager, executor,
                    command -> AggregateOnlyCommands.TYPES.contains(command.getPayloadType()),
                    AnnotationRoutingStrategy.defaultStrategy(),
                    meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
        } else {
            commandBus = new DrainingAsynchronousCommandBus(
                    configure(AsynchronousCommandBus.builder(), axonConfiguration, duplicateCommandHandlerResolver)
                            .transactionManager(transactionManager),
                    executor, properties.shutdownTimeout());
        }
        commandBus.registerHandlerInterceptor(
                new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return commandBus;
    }

    private static <B extends SimpleCommandBus.Builder> B configure(
            B builder, org.axonframework.config.Configuration axonConfiguration,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        builder.duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
               .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
               .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"));
        return builder;
    }

    /**
     * The retry policy of the command gateway: transient failures only, exponential back-off.
     *
     * @param properties number of retries and the first delay
     * @return the scheduler; its retry thread stops when the context closes
     */
    @Bean(destroyMethod = "shutdown")
    public TransientFailureRetryScheduler commandRetryScheduler(CommandBusProperties properties) {
        return TransientFailureRetryScheduler.create(properties.maxRetries(), properties.retryBaseDelay());
    }

    /**
     * The command gateway every module uses to send commands.
     *
     * @param commandBus     the asynchronous bus
     * @param retryScheduler retries transient failures
     * @return the gateway
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, TransientFailureRetryScheduler retryScheduler) {
        return DefaultCommandGateway.builder()
                                    .commandBus(commandBus)
                                    .retryScheduler(retryScheduler)
                                    .build();
    }

    /**
     * Builds the bounded pool of the command bus: a fixed number of threads, a bounded queue, and
     * {@link BlockingHandOffPolicy} when the queue is full.
     *
     * @param properties pool and queue sizes
     * @return the executor
     */
    public static ThreadPoolExecutor commandExecutor(CommandBusProperties properties) {
        return new ThreadPoolExecutor(properties.threads(), properties.threads(),
                                      0L, TimeUnit.MILLISECONDS,
                                      new ArrayBlockingQueue<>(properties.queueCapacity()),
                                      new AxonThreadFactory("CommandBus"),
                                      new BlockingHandOffPolicy(properties.overflowTimeout()));
    }
}
