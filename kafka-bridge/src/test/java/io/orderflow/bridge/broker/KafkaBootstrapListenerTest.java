package io.orderflow.bridge.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class KafkaBootstrapListenerTest {

    private final KafkaBootstrapListener listener = new KafkaBootstrapListener();

    @Test
    void pointsEveryKafkaClientAtTheClusterNamedByTheEnvironmentVariable() {
        GenericApplicationContext context = contextWith(new MockEnvironment()
                .withProperty("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092")
                .withProperty("orderflow.kafka.bootstrap-servers", "ignored:9092")
                .withProperty("spring.kafka.bootstrap-servers", "localhost:9092"));

        listener.onApplicationEvent(prepared(context));

        assertThat(context.getEnvironment().getProperty("axon.kafka.bootstrap-servers"))
                .isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(context.getBeanFactory().containsSingleton(KafkaBootstrapListener.BROKER_BEAN_NAME)).isFalse();
    }

    @Test
    void pointsEveryKafkaClientAtTheClusterNamedByTheProperty() {
        GenericApplicationContext context = contextWith(new MockEnvironment()
                .withProperty("orderflow.kafka.bootstrap-servers", "kafka.internal:9092"));

        listener.onApplicationEvent(prepared(context));

        assertThat(context.getEnvironment().getProperty("axon.kafka.bootstrap-servers"))
                .isEqualTo("kafka.internal:9092");
        assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo("kafka.internal:9092");
        assertThat(context.getBeanFactory().containsSingleton(KafkaBootstrapListener.BROKER_BEAN_NAME)).isFalse();
    }

    @Test
    void startsNoBrokerAndSetsNothingWhenTheInProcessBrokerIsDisabled() {
        GenericApplicationContext context = contextWith(new MockEnvironment()
                .withProperty("orderflow.kafka.embedded.enabled", "false"));

        listener.onApplicationEvent(prepared(context));

        assertThat(context.getEnvironment().getProperty("axon.kafka.bootstrap-servers")).isNull();
        assertThat(context.getEnvironment().getPropertySources()
                .contains(KafkaBootstrapListener.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(context.getBeanFactory().containsSingleton(KafkaBootstrapListener.BROKER_BEAN_NAME)).isFalse();
    }

    private static GenericApplicationContext contextWith(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        return context;
    }

    private static ApplicationPreparedEvent prepared(GenericApplicationContext context) {
        return new ApplicationPreparedEvent(new SpringApplication(), new String[0], context);
    }
}
