package io.orderflow.bridge.broker;

import io.orderflow.bridge.KafkaBridgeProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides, before any bean exists, which Kafka cluster the application talks to, and tells every
 * Kafka client: it sets {@code axon.kafka.bootstrap-servers}, {@code spring.kafka.bootstrap-servers}
 * and {@code orderflow.kafka.bootstrap-servers} to one address, in a property source that takes
 * precedence over every other.
 *
 * <ol>
 *   <li>The environment variable {@value #BOOTSTRAP_SERVERS_VARIABLE}, when set, is that address.</li>
 *   <li>Otherwise {@code orderflow.kafka.bootstrap-servers}, when set.</li>
 *   <li>Otherwise, unless {@code orderflow.kafka.embedded.enabled=false}, an
 *       {@link InProcessKafkaBroker} is started on {@code orderflow.kafka.embedded.log-dir} and its
 *       address is used. The broker is registered as the singleton bean {@value #BROKER_BEAN_NAME},
 *       before every other bean, so it is stopped after every other bean when the context closes.</li>
 * </ol>
 *
 * <p>Contexts of one JVM that name the same log directory (cached test contexts, for example) share
 * one broker, which stops when the last of them closes.
 *
 * <p>Registered in {@code META-INF/spring.factories}; runs on {@link ApplicationPreparedEvent}, after
 * logging is configured and every property source (including test properties) is in place, and
 * before the context refreshes.
 */
public class KafkaBootstrapListener implements ApplicationListener<ApplicationPreparedEvent>, Ordered {

    /** The environment variable that points the application at an existing Kafka cluster. */
    public static final String BOOTSTRAP_SERVERS_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";

    /** The name of the property source this listener adds. */
    public static final String PROPERTY_SOURCE_NAME = "orderflowKafkaBootstrap";

    /** The bean name of the in-process broker, when one was started. */
    public static final String BROKER_BEAN_NAME = "inProcessKafkaBroker";

    private static final Logger log = LoggerFactory.getLogger(KafkaBootstrapListener.class);

    /** The in-process brokers of this JVM by log directory, with the number of contexts using each. */
    private static final Map<Path, Lease> BROKERS = new HashMap<>();

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        ConfigurableEnvironment environment = context.getEnvironment();
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        KafkaBridgeProperties properties =
                Binder.get(environment).bindOrCreate(KafkaBridgeProperties.PREFIX, KafkaBridgeProperties.class);

        String fromVariable = environment.getProperty(BOOTSTRAP_SERVERS_VARIABLE);
        if (fromVariable != null && !fromVariable.isBlank()) {
            log.info("Using the Kafka cluster at {} (from {})", fromVariable, BOOTSTRAP_SERVERS_VARIABLE);
            useBootstrapServers(environment, fromVariable.trim());
        } else if (properties.hasBootstrapServers()) {
            log.info("Using the Kafka cluster at {} (from {}.bootstrap-servers)",
                    properties.bootstrapServers(), KafkaBridgeProperties.PREFIX);
            useBootstrapServers(environment, properties.bootstrapServers().trim());
        } else if (properties.embedded().enabled()) {
            InProcessKafkaBroker broker = startBroker(properties.embedded());
            register(context, broker);
            useBootstrapServers(environment, broker.bootstrapServers());
        } else {
            log.warn("No Kafka bootstrap servers are configured ({} or {}.bootstrap-servers) and the in-process "
                    + "broker is disabled: the Kafka clients use their own defaults",
                    BOOTSTRAP_SERVERS_VARIABLE, KafkaBridgeProperties.PREFIX);
        }
    }

    /** Runs early, so that other listeners of the same event already see the Kafka address. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    private static InProcessKafkaBroker startBroker(KafkaBridgeProperties.Embedded embedded) {
        Path logDir = Path.of(embedded.logDir()).toAbsolutePath().normalize();
        synchronized (BROKERS) {
            Lease lease = BROKERS.get(logDir);
            if (lease != null) {
                lease.users++;
                log.info("Sharing the in-process Kafka broker on {} (log directory {}) with another context",
                        lease.broker.bootstrapServers(), logDir);
                return lease.broker;
            }
            log.info("No Kafka bootstrap servers configured: starting an in-process Kafka broker "
                    + "(set {} or {}.bootstrap-servers to use a cluster)",
                    BOOTSTRAP_SERVERS_VARIABLE, KafkaBridgeProperties.PREFIX);
            InProcessKafkaBroker broker = new InProcessKafkaBroker(
                    logDir, embedded.port(), embedded.controllerPort(), embedded.properties());
            broker.start();
            BROKERS.put(logDir, new Lease(broker));
            return broker;
        }
    }

    private static void release(InProcessKafkaBroker broker) {
        synchronized (BROKERS) {
            Lease lease = BROKERS.get(broker.logDir());
            if (lease == null || lease.broker != broker) {
                broker.stop();
                return;
            }
            lease.users--;
            if (lease.users == 0) {
                BROKERS.remove(broker.logDir());
                broker.stop();
            }
        }
    }

    private static void register(ConfigurableApplicationContext context, InProcessKafkaBroker broker) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(BROKER_BEAN_NAME, broker);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            // Registered before every other bean, so destroyed after them: clients close while Kafka is still up.
            registry.registerDisposableBean(BROKER_BEAN_NAME, () -> release(broker));
        } else {
            context.addApplicationListener((ContextClosedEvent closed) -> {
                if (closed.getApplicationContext() == context) {
                    release(broker);
                }
            });
        }
    }

    /** A running broker and how many contexts use it. */
    private static final class Lease {

        private final InProcessKafkaBroker broker;
        private int users = 1;

        private Lease(InProcessKafkaBroker broker) {
            this.broker = broker;
        }
    }

    private static void useBootstrapServers(ConfigurableEnvironment environment, String bootstrapServers) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("axon.kafka.bootstrap-servers", bootstrapServers);
        values.put("spring.kafka.bootstrap-servers", bootstrapServers);
        values.put(KafkaBridgeProperties.PREFIX + ".bootstrap-servers", bootstrapServers);
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, values));
    }
}
