package io.orderflow.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/** The Jackson serializer the tests use in place of the application's. */
public final class TestSerializers {

    private TestSerializers() {
    }

    /** A Jackson serializer that writes and reads the records of {@code core-api}. */
    public static JacksonSerializer jackson() {
        ObjectMapper objectMapper = new ObjectMapper().registerModule(new JavaTimeModule());
        return JacksonSerializer.builder().objectMapper(objectMapper).build();
    }
}
