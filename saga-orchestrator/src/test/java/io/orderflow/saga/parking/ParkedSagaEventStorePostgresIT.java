package io.orderflow.saga.parking;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** The parked-event store on a real PostgreSQL (embedded binaries), the production database. */
@ContextConfiguration(classes = ParkedSagaEventStorePostgresIT.PostgresConfiguration.class)
class ParkedSagaEventStorePostgresIT extends ParkedSagaEventStoreContract {

    /** Starts PostgreSQL for the test context and stops it with the context. */
    @Configuration(proxyBeanMethods = false)
    @Import(StoreConfiguration.class)
    static class PostgresConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedPostgres embeddedPostgres() throws IOException {
            return EmbeddedPostgres.start();
        }

        @Bean
        DataSource dataSource(EmbeddedPostgres postgres) {
            return postgres.getPostgresDatabase();
        }
    }
}
