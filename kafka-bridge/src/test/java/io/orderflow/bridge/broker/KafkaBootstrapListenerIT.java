package io.orderflow.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class KafkaBootstrapListenerIT {

    @TempDir
    Path logDir;

    private final KafkaBootstrapListener listener = new KafkaBootstrapListener();

    @Test
    void startsABrokerWhenNoClusterIsConfiguredAndStopsItWhenTheContextCloses() {
        GenericApplicationContext context = preparedContext();

        InProcessKafkaBroker broker = context.getBean(InProcessKafkaBroker.class);
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.logDir()).isEqualTo(logDir.toAbsolutePath().normalize());
        assertThat(context.getEnvironment().getProperty("axon.kafka.bootstrap-servers"))
                .isEqualTo(broker.bootstrapServers());
        assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(broker.bootstrapServers());

        context.close();

        assertThat(broker.isRunning()).isFalse();
    }

    @Test
    void letsContextsOnTheSameLogDirectoryShareOneBrokerUntilTheLastCloses() {
        GenericApplicationContext first = preparedContext();
        GenericApplicationContext second = preparedContext();
        InProcessKafkaBroker broker = first.getBean(InProcessKafkaBroker.class);

        assertThat(second.getBean(InProcessKafkaBroker.class)).isSameAs(broker);
        first.close();
        assertThat(broker.isRunning()).isTrue();
        second.close();
        assertThat(broker.isRunning()).isFalse();
    }

    private GenericApplicationContext preparedContext() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment()
                .withProperty("orderflow.kafka.embedded.log-dir", logDir.toString())
                .withProperty("orderflow.kafka.embedded.port", "0")
                .withProperty("orderflow.kafka.embedded.controller-port", "0"));
        listener.onApplicationEvent(new ApplicationPreparedEvent(new SpringApplication(), new String[0], context));
        context.refresh();
        return context;
    }
}
