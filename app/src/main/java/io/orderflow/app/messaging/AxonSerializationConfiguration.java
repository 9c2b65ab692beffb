package io.orderflow.app.messaging;

import io.orderflow.schema.upcasting.OrderflowUpcasters;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Jackson for everything Axon serializes: events, messages, sagas, tokens, deadlines. Declaring
 * the three serializers here makes Axon's own serializer auto-configuration back off, so the
 * {@code ObjectMapper} of Spring MVC is never used for stored data (see {@link AxonObjectMappers}).
 *
 * <p>{@code axon.serializer.general|events|messages: jackson} stays in {@code application.yml} as
 * documentation and for the Axon auto-configurations that read the property.
 *
 * <p>Stored events of an older revision are carried to the current record by the project's upcasters
 * ({@link OrderflowUpcasters}, module {@code schema-gate}), declared here as the one
 * {@link EventUpcasterChain} bean: Axon applies it wherever stored events are read (event sourcing, the
 * tracking processors) and the Kafka bridge's message converter and the read models' Kafka reader apply
 * the same chain, through {@code Configuration.upcasterChain()}, to the records they read.
 */
@Configuration(proxyBeanMethods = false)
public class AxonSerializationConfiguration {

    /**
     * The general serializer: sagas, tokens, snapshots, deadline scopes.
     *
     * @param revisionResolver resolves {@code @Revision} of payloads (Axon's annotation-based resolver)
     * @return a Jackson serializer on a dedicated mapper
     */
    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver) {
        return jacksonSerializer(revisionResolver);
    }

    /**
     * The serializer of event payloads and metadata in the event store (and on Kafka).
     *
     * @param revisionResolver resolves {@code @Revision} of payloads
     * @return a Jackson serializer on a dedicated mapper
     */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(RevisionResolver revisionResolver) {
        return jacksonSerializer(revisionResolver);
    }

    /**
     * The serializer of commands, queries and their results when they leave the JVM.
     *
     * @param revisionResolver resolves {@code @Revision} of payloads
     * @return a Jackson serializer on a dedicated mapper
     */
    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(RevisionResolver revisionResolver) {
        return jacksonSerializer(revisionResolver);
    }

    /**
     * The event upcasters, checked when the application starts: a chain whose steps are out of order,
     * duplicated or stop short of an event's current {@code @Revision} fails the start.
     *
     * @return the chain of {@link OrderflowUpcasters#all()}
     */
    @Bean
    public EventUpcasterChain eventUpcasterChain() {
        return OrderflowUpcasters.chain();
    }

    /**
     * Builds one Jackson serializer on a fresh mapper (the serializer registers Axon's modules on
     * the mapper it gets, so mappers are not shared between serializers).
     *
     * @param revisionResolver resolves {@code @Revision} of payloads
     * @return the serializer
     */
    public static JacksonSerializer jacksonSerializer(RevisionResolver revisionResolver) {
        ClassLoader classLoader = AxonSerializationConfiguration.class.getClassLoader();
        return JacksonSerializer.builder()
                                .objectMapper(AxonObjectMappers.create())
                                .revisionResolver(revisionResolver)
                                .converter(new ChainingConverter(classLoader))
                                .classLoader(classLoader)
                                .build();
    }
}
