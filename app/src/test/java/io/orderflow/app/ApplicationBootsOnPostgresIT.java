package io.orderflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.app.support.PostgresIT;
import org.junit.jupiter.api.Test;

/** The application on a real PostgreSQL (embedded), with the {@code postgres} profile. */
@PostgresIT
class ApplicationBootsOnPostgresIT extends ApplicationBootContract {

    @Override
    String serializedDataType() {
        return "bytea";
    }

    @Override
    String asText(String column) {
        return "convert_from(" + column + ", 'UTF8')";
    }

    @Test
    void hasNoLargeObjectColumns() {
        assertThat(jdbc.queryForObject(
                "select count(*) from information_schema.columns where table_schema = 'public' and data_type = 'oid'",
                Integer.class)).isZero();
    }

    @Test
    void allocatesEventGlobalIndexesOneByOne() {
        assertThat(jdbc.queryForObject(
                "select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1L);
    }
}
