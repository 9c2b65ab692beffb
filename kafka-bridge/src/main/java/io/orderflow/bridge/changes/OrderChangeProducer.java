package io.orderflow.bridge.changes;

import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The order-change feed's own producer, with {@code orderflow.kafka.changes.processor=own} (with
 * {@code shared} the feed sends through the event publisher's producer). Deliberately not a spring-kafka
 * {@code ProducerFactory} or {@code KafkaTemplate} bean, so that Spring Boot's own Kafka beans are
 * unaffected by it.
 */
public class OrderChangeProducer implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    /**
     * Creates the producer; it connects on first use.
     *
     * @param configuration the producer configuration (see {@link OrderChangesConfiguration})
     */
    public OrderChangeProducer(Map<String, Object> configuration) {
        this.factory = new DefaultKafkaProducerFactory<>(configuration);
        this.template = new KafkaTemplate<>(factory);
    }

    /** Sends records with this producer. */
    public KafkaOperations<String, byte[]> operations() {
        return template;
    }

    /** Closes the producer. */
    @Override
    public void destroy() {
        factory.destroy();
    }
}
