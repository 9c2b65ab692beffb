package io.orderflow.app.flow;

import io.orderflow.app.support.PostgresIT;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole application as a user meets it: a web server on a random port, a fresh PostgreSQL
 * database and an in-process Kafka broker of its own (free ports, a log directory no other context
 * uses), so the read models are fed through Kafka as in production. Every test class with this
 * annotation and nothing else that changes the configuration shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@PostgresIT(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "orderflow.kafka.embedded.port=0",
        "orderflow.kafka.embedded.controller-port=0",
        "orderflow.kafka.embedded.log-dir=target/kafka-it/flow-${random.uuid}"
})
public @interface FlowTestContext {
}
