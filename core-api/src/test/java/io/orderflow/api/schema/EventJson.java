package io.orderflow.api.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire format of events as the application's Jackson serializer writes them: records by component name,
 * identifier records as {@code {"value": ...}}, {@code Instant} as an ISO-8601 string, {@code BigDecimal} as a JSON
 * number, nulls written, no default typing. The application's {@code ObjectMapper} must keep these settings, or the
 * schemas stop describing what goes on the wire.
 */
public final class EventJson {

    private EventJson() {
    }

    /** A new mapper with the wire-format settings. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
