package io.orderflow.ui.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The event schemas on the class path, read once: {@code <root>/<EventSimpleName>/v<revision>.schema.json}
 * and the compatibility mode of each event type from {@code <root>/compatibility.properties}
 * ({@code default=BACKWARD}, overridden per type). The application's schemas are in core-api's jar under
 * {@value #DEFAULT_ROOT} (see {@code core-api/src/main/resources/schemas/README.md}).
 *
 * <p>Immutable and thread-safe. Lookups never build a path from their input: they only find what was
 * read at start-up.
 */
public final class EventSchemaCatalogue {

    /** Where core-api keeps the schemas. */
    public static final String DEFAULT_ROOT = "schemas";

    /** The compatibility mode of event types the properties file does not name. */
    public static final String DEFAULT_COMPATIBILITY = "BACKWARD";

    private static final Pattern SCHEMA_FILE = Pattern.compile("/([A-Za-z][A-Za-z0-9]*)/v([1-9][0-9]{0,8})\\.schema\\.json$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, EventType> eventTypes;

    private EventSchemaCatalogue(Map<String, EventType> eventTypes) {
        this.eventTypes = Collections.unmodifiableMap(new TreeMap<>(eventTypes));
    }

    /**
     * Reads the application's schemas from the class path ({@value #DEFAULT_ROOT}).
     *
     * @return the catalogue
     * @throws UncheckedIOException if a schema cannot be read or is not JSON
     */
    public static EventSchemaCatalogue fromClasspath() {
        return fromClasspath(new PathMatchingResourcePatternResolver(EventSchemaCatalogue.class.getClassLoader()),
                DEFAULT_ROOT);
    }

    /**
     * Reads the schemas under a class-path folder.
     *
     * @param resolver finds the files
     * @param root     the folder, for example {@value #DEFAULT_ROOT}
     * @return the catalogue
     * @throws UncheckedIOException if a schema cannot be read or is not JSON
     */
    public static EventSchemaCatalogue fromClasspath(ResourcePatternResolver resolver, String root) {
        try {
            Properties compatibility = new Properties();
            Resource modes = resolver.getResource("classpath:" + root + "/compatibility.properties");
            if (modes.exists()) {
                try (InputStream in = modes.getInputStream()) {
                    compatibility.load(in);
                }
            }
            String defaultMode = compatibility.getProperty("default", DEFAULT_COMPATIBILITY).trim();
            Map<String, NavigableMap<Integer, EventSchema>> revisions = new TreeMap<>();
            for (Resource resource : resolver.getResources("classpath*:" + root + "/*/v*.schema.json")) {
                Matcher name = SCHEMA_FILE.matcher(Objects.requireNonNull(resource.getURL().toString()));
                if (!name.find()) {
                    continue;
                }
                String eventType = name.group(1);
                int revision = Integer.parseInt(name.group(2));
                revisions.computeIfAbsent(eventType, type -> new TreeMap<>())
                        .putIfAbsent(revision, read(resource, eventType, revision));
            }
            Map<String, EventType> eventTypes = new TreeMap<>();
            revisions.forEach((eventType, byRevision) -> eventTypes.put(eventType, new EventType(eventType,
                    compatibility.getProperty(eventType, defaultMode).trim(), byRevision)));
            return new EventSchemaCatalogue(eventTypes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event schemas under " + root, e);
        }
    }

    /**
     * Every event type with a schema, by simple name.
     *
     * @return the event types, in name order
     */
    public List<EventType> eventTypes() {
        return List.copyOf(eventTypes.values());
    }

    /**
     * One event type.
     *
     * @param eventType the event's simple class name, for example {@code OrderPlacedEvent}
     * @return the event type, empty if it has no schema
     */
    public Optional<EventType> eventType(String eventType) {
        return Optional.ofNullable(eventTypes.get(eventType));
    }

    private static EventSchema read(Resource resource, String eventType, int revision) throws IOException {
        String content;
        try (InputStream in = resource.getInputStream()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode json = JSON.readTree(content);
        if (json == null || !json.isObject()) {
            throw new IOException(resource + " is not a JSON Schema object");
        }
        return new EventSchema(eventType, revision, text(json, "$id"), text(json, "description"), content);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /**
     * An event type and its schemas.
     *
     * @param name          the event's simple class name (the {@code event-type} header on Kafka)
     * @param compatibility the compatibility mode each revision is checked with against the one before
     * @param revisions     the schemas by revision, oldest first
     */
    public record EventType(String name, String compatibility, NavigableMap<Integer, EventSchema> revisions) {

        public EventType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(compatibility, "compatibility");
            if (revisions.isEmpty()) {
                throw new IllegalArgumentException(name + " has no schema");
            }
            revisions = Collections.unmodifiableNavigableMap(new TreeMap<>(revisions));
        }

        /**
         * The schema of the newest revision.
         *
         * @return the schema
         */
        public EventSchema latest() {
            return revisions.lastEntry().getValue();
        }

        /**
         * The schema of one revision.
         *
         * @param revision the revision, the value of the event's {@code @Revision}
         * @return the schema, empty if there is none
         */
        public Optional<EventSchema> revision(int revision) {
            return Optional.ofNullable(revisions.get(revision));
        }

        /**
         * The revisions, oldest first.
         *
         * @return the revision numbers
         */
        public List<Integer> revisionNumbers() {
            return new ArrayList<>(revisions.keySet());
        }
    }

    /**
     * One schema file.
     *
     * @param eventType   the event's simple class name
     * @param revision    the revision it describes
     * @param id          its {@code $id}, for example {@code urn:orderflow:event:OrderPlacedEvent:1}
     * @param description its {@code description}
     * @param content     the file, as it is in the jar
     */
    public record EventSchema(String eventType, int revision, String id, String description, String content) {
    }
}
