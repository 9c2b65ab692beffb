package io.orderflow.app.messaging;

import io.orderflow.api.common.BusinessError;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.AxonTransientException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Decides whether a failed command may succeed when it is simply sent again.
 *
 * <p>A failure is <em>transient</em> when its cause chain contains one of:
 * <ul>
 *   <li>{@link AxonTransientException}, which covers Axon's {@code ConcurrencyException} (two
 *       commands raced on one aggregate) and lock-acquisition failures;</li>
 *   <li>Spring's {@link TransientDataAccessException}, which covers
 *       {@code PessimisticLockingFailureException}, {@code CannotAcquireLockException},
 *       {@code QueryTimeoutException} and optimistic-locking failures;</li>
 *   <li>JDBC's {@link SQLTransientException} (timeouts, transaction rollbacks, pool exhaustion), or an
 *       {@link SQLException} whose SQL state is in class {@code 40} (serialization failure,
 *       deadlock) or is {@code 55P03} (PostgreSQL: lock not available), since PostgreSQL's driver
 *       reports those as plain {@code SQLException}s;</li>
 *   <li>JPA's {@link OptimisticLockException}, {@link PessimisticLockException} and
 *       {@link LockTimeoutException}.</li>
 * </ul>
 *
 * <p>A failure that carries a {@link BusinessError} (a {@link CommandExecutionException} whose
 * details are the error) is never transient, whatever its causes: the command was refused by a
 * business rule and would be refused again. Neither is {@link NoHandlerForCommandException}, although
 * Axon marks it transient (in a distributed bus a handler may join later): in this single process
 * every handler subscribes during start-up, so a missing handler is a configuration error that no
 * retry repairs. Everything else (programming errors, constraint violations, unknown failures) is
 * not transient either.
 */
public final class TransientFailures {

    private static final String SQL_STATE_CLASS_TRANSACTION_ROLLBACK = "40";
    private static final String SQL_STATE_LOCK_NOT_AVAILABLE = "55P03";

    private TransientFailures() {
    }

    /**
     * @param failure the failure of a command, possibly wrapped
     * @return {@code true} if sending the command again may succeed
     */
    public static boolean isTransient(Throwable failure) {
        if (failure == null || carriesBusinessError(failure)) {
            return false;
        }
        boolean transientCause = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof NoHandlerForCommandException) {
                return false;
            }
            transientCause |= isTransientType(current);
        }
        return transientCause;
    }

    /**
     * @param failure the failure of a command, possibly wrapped
     * @return {@code true} if a {@link CommandExecutionException} in the cause chain carries a
     *         {@link BusinessError} as its details
     */
    public static boolean carriesBusinessError(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof CommandExecutionException commandFailure
                    && commandFailure.getDetails().filter(BusinessError.class::isInstance).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientType(Throwable failure) {
        if (failure instanceof AxonTransientException
                || failure instanceof TransientDataAccessException
                || failure instanceof SQLTransientException
                || failure instanceof OptimisticLockException
                || failure instanceof PessimisticLockException
                || failure instanceof LockTimeoutException) {
            return true;
        }
        if (failure instanceof SQLException sqlFailure && sqlFailure.getSQLState() != null) {
            String state = sqlFailure.getSQLState();
            return state.startsWith(SQL_STATE_CLASS_TRANSACTION_ROLLBACK) || SQL_STATE_LOCK_NOT_AVAILABLE.equals(state);
        }
        return false;
    }
}
