package io.orderflow.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the commit counters of a real PostgreSQL server while another session commits and rolls back. */
class DatabaseCommitProbeIT {

    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        url = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE saga_step (id serial PRIMARY KEY, name text NOT NULL)");
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void countsTheCommitsAndRollbacksOfOtherSessions() throws Exception {
        try (DatabaseCommitProbe probe = new DatabaseCommitProbe(url, "postgres", "postgres")) {
            DatabaseCommitProbe.Counters before = probe.read();

            // another session: 40 committed transactions, 5 rolled back; closing it flushes its statistics
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    for (int i = 0; i < 45; i++) {
                        statement.executeUpdate("INSERT INTO saga_step (name) VALUES ('step " + i + "')");
                        if (i % 9 == 8) {
                            connection.rollback();
                        } else {
                            connection.commit();
                        }
                    }
                }
            }

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                DatabaseCommitProbe.Counters delta = probe.read().minus(before);
                // the probe's own reads are transactions too: one commit each
                assertThat(delta.commits()).isBetween(40L, 40L + 20L);
                assertThat(delta.rollbacks()).isGreaterThanOrEqualTo(5L);
            });
        }
    }
}
