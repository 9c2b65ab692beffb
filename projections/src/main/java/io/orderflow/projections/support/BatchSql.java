package io.orderflow.projections.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The few JDBC conventions the read models' write paths share, in SQL that H2 (PostgreSQL mode) and
 * PostgreSQL both accept: look-ups of a batch's keys with {@code IN} lists, timestamps as
 * {@code OffsetDateTime} in UTC for {@code TIMESTAMP WITH TIME ZONE} columns, and nullable numbers.
 */
public final class BatchSql {

    /** The most keys one look-up query asks about. */
    public static final int KEYS_PER_QUERY = 512;

    private BatchSql() {
    }

    /**
     * Runs {@code sql}, whose named parameter {@code :keys} is an {@code IN} list, for {@code keys} (duplicates
     * asked once), in chunks of at most {@value #KEYS_PER_QUERY}. Each list is padded to a power of two by
     * repeating its last key, so that the statement has only a few shapes and the database (PostgreSQL's
     * prepared statements) plans each shape once instead of one plan per list length.
     *
     * @param parameters the other named parameters of {@code sql}
     */
    public static <T> List<T> queryByKeys(NamedParameterJdbcTemplate jdbc, String sql, Map<String, ?> parameters,
            Collection<String> keys, RowMapper<T> rowMapper) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<T> rows = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += KEYS_PER_QUERY) {
            Map<String, Object> chunkParameters = new HashMap<>(parameters);
            chunkParameters.put("keys", padded(distinct.subList(from, Math.min(distinct.size(), from + KEYS_PER_QUERY))));
            rows.addAll(jdbc.query(sql, chunkParameters, rowMapper));
        }
        return rows;
    }

    /** {@code keys}, its last key repeated up to the next power of two. */
    static List<String> padded(List<String> keys) {
        int size = Integer.highestOneBit(keys.size());
        if (size == keys.size()) {
            return keys;
        }
        List<String> padded = new ArrayList<>(size * 2);
        padded.addAll(keys);
        String last = keys.get(keys.size() - 1);
        while (padded.size() < size * 2) {
            padded.add(last);
        }
        return padded;
    }

    /** The value of a {@code TIMESTAMP WITH TIME ZONE} parameter. */
    public static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or {@code null}. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code BIGINT} column that may be {@code NULL}. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    /** Sets a {@code BIGINT} parameter that may be {@code NULL}. */
    public static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** Sets a {@code VARCHAR} or {@code TEXT} parameter that may be {@code NULL}. */
    public static void setNullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /**
     * Refuses to write outside a transaction: without one, each JDBC statement would commit on its own, and a
     * batch half written (rows without ledger marks) would be applied again after a failure.
     *
     * @throws IllegalTransactionStateException if no transaction is active on this thread
     */
    public static void requireTransaction(String what) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(what + " needs an active transaction");
        }
    }
}
