package io.orderflow.ui.api;

import io.orderflow.api.common.BusinessError;
import io.orderflow.ui.api.problem.BusinessErrorException;
import io.orderflow.ui.api.problem.DispatchTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The one place the API sends commands from. Each command carries the request's correlation id as
 * {@value CorrelationIdFilter#MDC_KEY} metadata and is awaited for at most
 * {@code orderflow.api.command-timeout}.
 *
 * <p>A refused command surfaces as Axon's {@link CommandExecutionException} (its details a
 * {@link BusinessError}); a command without answer in time as {@link DispatchTimeoutException}.
 */
public class CommandDispatcher {

    private final CommandGateway gateway;
    private final Duration timeout;

    /**
     * Creates the dispatcher.
     *
     * @param gateway the command gateway
     * @param timeout how long to wait for a command to be handled
     */
    public CommandDispatcher(CommandGateway gateway, Duration timeout) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Sends a command and waits for its result.
     *
     * @param command the command payload, a core-api record
     * @param <R>     the result type
     * @return the result of the command handler, often {@code null}
     */
    public <R> R send(Object command) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(correlationMetaData());
        try {
            return gateway.sendAndWait(message, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof TimeoutException || e.getCause() instanceof InterruptedException) {
                throw new DispatchTimeoutException(
                        command.getClass().getSimpleName() + " not handled within " + timeout, e.getCause());
            }
            throw e;
        }
    }

    /**
     * Sends a command to an aggregate that must already exist, answering with the given business error
     * when the write side reports the aggregate as missing without one of its own.
     *
     * @param command     the command payload, a core-api record
     * @param whenMissing the error to answer with if the target aggregate does not exist
     * @param <R>         the result type
     * @return the result of the command handler, often {@code null}
     */
    public <R> R sendToExisting(Object command, Supplier<BusinessError> whenMissing) {
        try {
            return send(command);
        } catch (AggregateNotFoundException e) {
            throw new BusinessErrorException(whenMissing.get());
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof AggregateNotFoundException && e.getDetails().isEmpty()) {
                throw new BusinessErrorException(whenMissing.get());
            }
            throw e;
        }
    }

    private static Map<String, String> correlationMetaData() {
        return CorrelationIdFilter.current()
                .map(id -> Map.of(CorrelationIdFilter.MDC_KEY, id))
                .orElseGet(Map::of);
    }
}
