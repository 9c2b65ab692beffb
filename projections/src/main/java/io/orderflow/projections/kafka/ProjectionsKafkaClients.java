package io.orderflow.projections.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The Kafka clients of the read models' feed: a consumer factory (string keys, raw values, no
 * auto-commit, {@code read_committed}, no topic auto-creation) for the listener containers and the
 * dead-letter reader, and a producer (acks from all in-sync replicas, idempotent) for dead letters
 * and replays.
 *
 * <p>Deliberately not exposed as {@code ConsumerFactory} / {@code ProducerFactory} /
 * {@code KafkaTemplate} beans: Spring Boot's own Kafka beans, which other modules use, back off when
 * beans of those types exist.
 */
final class ProjectionsKafkaClients implements DisposableBean {

    private final DefaultKafkaConsumerFactory<String, byte[]> consumerFactory;
    private final DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final KafkaTemplate<String, byte[]> template;

    /**
     * @param consumerProperties the application's consumer settings (bootstrap servers, security)
     * @param producerProperties the application's producer settings (bootstrap servers, security)
     * @param autoOffsetReset    where a group without committed offsets starts
     * @param meterRegistry      where the clients' metrics go, {@code null} for none
     */
    ProjectionsKafkaClients(Map<String, Object> consumerProperties, Map<String, Object> producerProperties,
            String autoOffsetReset, MeterRegistry meterRegistry) {
        Map<String, Object> consumer = new HashMap<>(consumerProperties);
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        consumer.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, Objects.requireNonNull(autoOffsetReset, "autoOffsetReset"));
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Both deserializers accept any bytes, so deserialization itself never fails: turning the value
        // into an event happens in the listener (KafkaEventReader), which dead-letters unreadable records.
        this.consumerFactory = new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());

        Map<String, Object> producer = new HashMap<>(producerProperties);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        producer.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerFactory = new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer());

        if (meterRegistry != null) {
            consumerFactory.addListener(new MicrometerConsumerListener<>(meterRegistry));
            producerFactory.addListener(new MicrometerProducerListener<>(meterRegistry));
        }
        this.template = new KafkaTemplate<>(producerFactory);
    }

    /** Consumers of the event topic and of the dead-letter topics. */
    ConsumerFactory<String, byte[]> consumerFactory() {
        return consumerFactory;
    }

    /** Sends dead letters and replays. */
    KafkaTemplate<String, byte[]> template() {
        return template;
    }

    @Override
    public void destroy() {
        producerFactory.destroy();
    }
}
