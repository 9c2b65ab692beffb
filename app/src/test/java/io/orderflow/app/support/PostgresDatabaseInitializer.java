package io.orderflow.app.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points an application context at a fresh database on the {@link EmbeddedPostgresServer}. The
 * datasource properties are added with the highest precedence, so they win over
 * {@code application-postgres.yml} and its {@code DB_URL} environment variable. Spring's test
 * context cache keys on the initializer, so test classes with the same configuration share one
 * context and one database; a different configuration gets a new database.
 */
public class PostgresDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(EmbeddedPostgresServer.createDatabase().asSpringProperties()).applyTo(context);
    }
}
