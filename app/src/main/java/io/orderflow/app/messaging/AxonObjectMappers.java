package io.orderflow.app.messaging;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderflow.schema.upcasting.ExactDecimals;

/**
 * Builds the {@link ObjectMapper} behind Axon's serializers. It is deliberately not a Spring bean:
 * Spring MVC keeps its own mapper, and a change to the web tier's JSON can never change what is in
 * the event store.
 *
 * <ul>
 *   <li>Fields of any visibility are (de)serialized: sagas are plain classes with private fields and
 *       no setters. Public getters stay visible as well, because some of Axon's own serialized types
 *       need them: {@code AggregateScopeDescriptor}, as created inside an aggregate, computes its
 *       identifier lazily in {@code getIdentifier()} and its field is still {@code null} when the
 *       deadline is serialized. A saga should therefore not have public getters that compute
 *       something expensive or fail; a getter without a field is written but ignored on reading.</li>
 *   <li>Records keep working through their canonical constructors.</li>
 *   <li>Unknown properties are ignored, so a field removed from a message or saga does not break
 *       reading old data.</li>
 *   <li>{@code java.time} values are ISO-8601 strings, not numeric timestamps.</li>
 *   <li>No default typing: class names never travel inside the JSON, only in Axon's type column.</li>
 *   <li>Decimals stay exact through JSON trees ({@link ExactDecimals}): floating-point numbers in a tree are
 *       {@code BigDecimal}s with their scale, so an upcast {@code Money} of {@code 12.50} is still
 *       {@code 12.50}, not the double {@code 12.5}.</li>
 * </ul>
 */
public final class AxonObjectMappers {

    private AxonObjectMappers() {
    }

    /**
     * Creates a new, independently mutable mapper with the settings described above.
     *
     * @return a fresh mapper for one Axon serializer
     */
    public static ObjectMapper create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new Jdk8Module());
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        return ExactDecimals.enable(mapper);
    }
}
