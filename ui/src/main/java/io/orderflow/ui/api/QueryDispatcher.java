package io.orderflow.ui.api;

import io.orderflow.ui.api.problem.DispatchTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;

/**
 * The one place the API asks queries from. Each query is awaited for at most
 * {@code orderflow.api.query-timeout}; a query without answer in time surfaces as
 * {@link DispatchTimeoutException}, a failed one as the exception of its handler.
 */
public class QueryDispatcher {

    private final QueryGateway gateway;
    private final Duration timeout;

    /**
     * Creates the dispatcher.
     *
     * @param gateway the query gateway
     * @param timeout how long to wait for an answer
     */
    public QueryDispatcher(QueryGateway gateway, Duration timeout) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Asks a query and waits for the answer.
     *
     * @param query        the query payload, a core-api record
     * @param responseType the expected response, for example {@code ResponseTypes.instanceOf(OrderList.class)}
     * @param <R>          the response type
     * @return the answer
     */
    public <R> R ask(Object query, ResponseType<R> responseType) {
        CompletableFuture<R> answer = gateway.query(query, responseType);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new DispatchTimeoutException(query.getClass().getSimpleName() + " not answered within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatchTimeoutException(query.getClass().getSimpleName() + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new QueryExecutionException("Query " + query.getClass().getSimpleName() + " failed", cause);
        }
    }
}
