package io.orderflow.bench.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Reads the transaction counters of the application's PostgreSQL database from
 * {@code pg_stat_database}. Each read is one transaction of its own, which the next read counts:
 * one commit per read, negligible against thousands of sagas.
 *
 * <p>PostgreSQL backends report their counters at most once a second while busy (PostgreSQL 15+:
 * shared-memory statistics flushed by each backend), so a reading lags the true count by up to a
 * second of work; over a steady window the lag at the start and at the end cancel out.
 */
public final class DatabaseCommitProbe implements AutoCloseable {

    private static final String COUNTERS = "SELECT xact_commit, xact_rollback FROM pg_stat_database"
            + " WHERE datname = current_database()";

    private final Connection connection;

    /**
     * Connects with the PostgreSQL JDBC driver.
     *
     * @throws SQLException when the database cannot be reached
     */
    public DatabaseCommitProbe(String url, String user, String password) throws SQLException {
        Objects.requireNonNull(url, "url");
        this.connection = DriverManager.getConnection(url, user, password);
        this.connection.setAutoCommit(false);
    }

    /**
     * The counters now.
     *
     * @throws SQLException when the query fails
     */
    public Counters read() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Statistics are cached per transaction (stats_fetch_consistency): drop the cache first.
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet row = statement.executeQuery(COUNTERS)) {
                if (!row.next()) {
                    throw new SQLException("no pg_stat_database row for the current database");
                }
                Counters counters = new Counters(row.getLong(1), row.getLong(2));
                connection.commit();
                return counters;
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * Transaction counters of one database.
     *
     * @param commits   committed transactions since the statistics were last reset
     * @param rollbacks rolled-back transactions since then
     */
    public record Counters(long commits, long rollbacks) {

        /** The counts between {@code earlier} and this reading. */
        public Counters minus(Counters earlier) {
            return new Counters(commits - earlier.commits, rollbacks - earlier.rollbacks);
        }
    }
}
