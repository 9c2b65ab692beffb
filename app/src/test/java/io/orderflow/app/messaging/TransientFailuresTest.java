package io.orderflow.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;

class TransientFailuresTest {

    @Test
    void treatsAConcurrentModificationOfTheAggregateAsTransient() {
        assertThat(TransientFailures.isTransient(
                new ConcurrencyException("sequence 3 already taken", new PersistenceException("duplicate key"))))
                .isTrue();
    }

    @Test
    void findsTransientDatabaseFailuresDeepInTheCauseChain() {
        assertThat(TransientFailures.isTransient(new EventStoreException(
                "could not append", new PersistenceException(new SQLTransientConnectionException("pool exhausted")))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(
                new PessimisticLockingFailureException("lock wait timeout")))).isTrue();
    }

    @Test
    void treatsPostgresSerializationFailuresAndDeadlocksAsTransient() {
        assertThat(TransientFailures.isTransient(new PersistenceException(new SQLException("could not serialize", "40001"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new PersistenceException(new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new PersistenceException(new SQLException("lock not available", "55P03"))))
                .isTrue();
    }

    @Test
    void neverRetriesABusinessError() {
        CommandExecutionException refused = new CommandExecutionException(
                "Product exists", null, new BusinessError(ErrorCode.PRODUCT_ALREADY_EXISTS, "SKU-1001 exists"));

        assertThat(TransientFailures.isTransient(refused)).isFalse();
        assertThat(TransientFailures.carriesBusinessError(refused)).isTrue();
    }

    @Test
    void neverRetriesABusinessErrorEvenWhenItsCauseLooksTransient() {
        CommandExecutionException refused = new CommandExecutionException(
                "refused", new ConcurrencyException("irrelevant"), new BusinessError(ErrorCode.ORDER_NOT_FOUND, "gone"));

        assertThat(TransientFailures.isTransient(refused)).isFalse();
    }

    @Test
    void doesNotRetryFailuresThatWouldRecur() {
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad quantity"))).isFalse();
        assertThat(TransientFailures.isTransient(new DataIntegrityViolationException("not null"))).isFalse();
        assertThat(TransientFailures.isTransient(new PersistenceException(new SQLException("unique", "23505")))).isFalse();
        assertThat(TransientFailures.isTransient(new AggregateStreamCreationException("id reused"))).isFalse();
        assertThat(TransientFailures.isTransient(new CommandExecutionException("failed without details", null)))
                .isFalse();
    }

    @Test
    void doesNotRetryACommandThatHasNoHandlerInThisProcess() {
        assertThat(TransientFailures.isTransient(new NoHandlerForCommandException("no handler"))).isFalse();
    }
}
