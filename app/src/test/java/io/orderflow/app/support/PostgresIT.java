package io.orderflow.app.support;

import io.orderflow.app.OrderflowApplication;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application against a real PostgreSQL: {@code @SpringBootTest} of
 * {@link OrderflowApplication} with the {@code postgres} profile (bytea dialect, demo data off),
 * on a fresh database of the embedded PostgreSQL server (see {@link PostgresDatabaseInitializer}), with a
 * private in-process Kafka broker ({@link PrivateKafkaBrokerInitializer}).
 * Flyway migrates the database and Hibernate validates the mapping against it, as in production.
 *
 * <pre>{@code
 * @PostgresIT
 * class OrderPlacementIT { ... }
 *
 * @PostgresIT(properties = "orderflow.saga.stock-timeout=1s", webEnvironment = WebEnvironment.RANDOM_PORT)
 * class StockTimeoutIT { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = OrderflowApplication.class)
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = {PostgresDatabaseInitializer.class, PrivateKafkaBrokerInitializer.class})
public @interface PostgresIT {

    /**
     * @return extra properties for the application, {@code key=value}
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};

    /**
     * @return the web environment of the test (mock servlet environment by default)
     */
    @AliasFor(annotation = SpringBootTest.class, attribute = "webEnvironment")
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;
}
