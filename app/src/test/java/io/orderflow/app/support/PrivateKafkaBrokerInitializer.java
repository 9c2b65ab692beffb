package io.orderflow.app.support;

import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives an application context under test its own in-process Kafka broker: free ports and a log
 * directory under {@code target/kafka-it}. Without it a test context used the run's defaults
 * ({@code ./data/kafka}, port 9092): it wrote topics and consumer groups into the data directory of
 * {@code ./mvnw -pl app -am spring-boot:run}, whose next start then waited for the test's dead group
 * members, and it could not start while that application was running.
 */
public class PrivateKafkaBrokerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "orderflow.kafka.embedded.port=0",
                "orderflow.kafka.embedded.controller-port=0",
                "orderflow.kafka.embedded.log-dir=target/kafka-it/context-" + UUID.randomUUID())
                .applyTo(context);
    }
}
