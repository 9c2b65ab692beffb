package io.orderflow.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway and bus as {@link CommandBusConfiguration} builds them, with a handler that fails on
 * demand: which failures are retried, how often, and what the sender finally sees.
 */
class CommandGatewayRetryTest {

    private static final int MAX_RETRIES = 3;

    private final CommandBusProperties properties =
            new CommandBusProperties(2, 10, Duration.ofSeconds(1), MAX_RETRIES, Duration.ofMillis(1), Duration.ofSeconds(1),
                                    new CommandBusProperties.Batch(false, 1, 1));
    private final AsynchronousCommandBus commandBus =
            AsynchronousCommandBus.builder().executor(CommandBusConfiguration.commandExecutor(properties)).build();
    private final TransientFailureRetryScheduler retryScheduler =
            TransientFailureRetryScheduler.create(properties.maxRetries(), properties.retryBaseDelay());
    private final CommandGateway gateway =
            DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retryScheduler).build();
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void stop() {
        retryScheduler.shutdown();
        commandBus.shutdown();
    }

    @Test
    void retriesAConcurrencyFailureUntilTheCommandSucceeds() {
        handleFailingFirst(2, () -> new ConcurrencyException("aggregate changed concurrently"));

        Object result = gateway.sendAndWait(new Ping("p-1"));

        assertThat(result).isEqualTo("pong p-1");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void retriesATransientFailureWhoseOwnCausesAreNotTransient() {
        handleFailingFirst(1, () -> new ConcurrencyException(
                "sequence number taken", new PersistenceException(new SQLException("duplicate key", "23505"))));

        Object result = gateway.sendAndWait(new Ping("p-6"));

        assertThat(result).isEqualTo("pong p-6");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void givesUpOnATransientFailureAfterTheConfiguredRetries() {
        handleFailingFirst(Integer.MAX_VALUE, () -> new ConcurrencyException("always contended"));

        assertThatThrownBy(() -> gateway.sendAndWait(new Ping("p-2"))).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(1 + MAX_RETRIES);
    }

    @Test
    void doesNotRetryABusinessErrorAndHandsItsDetailsToTheSender() {
        BusinessError error = new BusinessError(ErrorCode.PRODUCT_ALREADY_EXISTS, "SKU-1001 exists");
        handleFailingFirst(Integer.MAX_VALUE, () -> new CommandExecutionException("refused", null, error));

        assertThatThrownBy(() -> gateway.sendAndWait(new Ping("p-3")))
                .isInstanceOfSatisfying(CommandExecutionException.class,
                                        e -> assertThat(e.getDetails()).contains(error));
        assertThat(attempts).hasValue(1);
    }

    @Test
    void doesNotRetryAProgrammingError() {
        handleFailingFirst(Integer.MAX_VALUE, () -> new IllegalStateException("bug"));

        assertThatThrownBy(() -> gateway.sendAndWait(new Ping("p-4"))).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void handlesCommandsOnTheBusPoolNotOnTheSendingThread() {
        commandBus.subscribe(Ping.class.getName(), message -> Thread.currentThread().getName());

        Object handlerThread = gateway.sendAndWait(new Ping("p-5"));

        assertThat(handlerThread).asString().startsWith("CommandBus").isNotEqualTo(Thread.currentThread().getName());
    }

    private void handleFailingFirst(int failures, java.util.function.Supplier<RuntimeException> failure) {
        commandBus.subscribe(Ping.class.getName(), message -> {
            if (attempts.incrementAndGet() <= failures) {
                throw failure.get();
            }
            return "pong " + ((Ping) message.getPayload()).id();
        });
    }

    /** A command for the test handler. */
    record Ping(String id) {
    }
}
