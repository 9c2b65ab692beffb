package io.orderflow.ui.api.schema;

import io.orderflow.ui.api.ApiLinks;
import io.orderflow.ui.api.problem.ProblemResponse;
import io.orderflow.ui.api.problem.ProblemTypes;
import io.orderflow.ui.api.problem.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the JSON Schemas of the events on Kafka, so a consumer can find them: an index, the newest
 * revision of an event type, and any revision. A record's {@code event-type} and {@code schema-version}
 * headers name the schema that describes its value: {@code /api/schemas/{event-type}/v{schema-version}}.
 *
 * <p>Schemas are served as {@value #SCHEMA_JSON_VALUE}, byte for byte as core-api ships them.
 */
@RestController
@RequestMapping(path = "/api/schemas")
@Tag(name = "Schemas", description = "JSON Schemas of the events on Kafka")
public class SchemaController {

    /** The media type of a JSON Schema document. */
    public static final String SCHEMA_JSON_VALUE = "application/schema+json";

    /** The media type of a JSON Schema document. */
    public static final MediaType SCHEMA_JSON = MediaType.parseMediaType(SCHEMA_JSON_VALUE);

    /** The problem type of an unknown event type or revision. */
    public static final URI SCHEMA_NOT_FOUND = URI.create(ProblemTypes.BASE + "schema-not-found");

    private static final CacheControl REVISION_CACHE = CacheControl.maxAge(Duration.ofHours(1)).cachePublic();
    private static final CacheControl LATEST_CACHE = CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    private final EventSchemaCatalogue catalogue;

    /**
     * Creates the controller.
     *
     * @param catalogue the schemas; core-api's, read from the class path, unless the application provides a
     *                  catalogue bean
     */
    public SchemaController(ObjectProvider<EventSchemaCatalogue> catalogue) {
        this.catalogue = catalogue.getIfAvailable(EventSchemaCatalogue::fromClasspath);
    }

    /**
     * Lists the event types and their schemas.
     *
     * @return the index
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List the event types on Kafka with their schema revisions and compatibility modes")
    @ApiResponse(responseCode = "200", description = "Every event type, in name order")
    public EventSchemaIndex index() {
        return new EventSchemaIndex(catalogue.eventTypes().stream()
                .map(type -> new EventSchemaIndex.Entry(
                        type.name(),
                        type.latest().description(),
                        type.compatibility(),
                        type.latest().revision(),
                        ApiLinks.path("/api/schemas/{eventType}", type.name()),
                        type.revisions().values().stream()
                                .map(schema -> new EventSchemaIndex.Revision(schema.revision(), schema.id(),
                                        ApiLinks.path("/api/schemas/{eventType}/v{revision}", type.name(),
                                                schema.revision())))
                                .toList()))
                .toList());
    }

    /**
     * The newest schema of an event type.
     *
     * @param eventType the event's name
     * @return the schema, with its revision's address in {@code Content-Location}
     */
    @GetMapping(path = "/{eventType}", produces = {SCHEMA_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Read the newest JSON Schema of an event type")
    @ApiResponse(responseCode = "200", description = "The schema; Content-Location names its revision",
            content = @Content(mediaType = SCHEMA_JSON_VALUE, schema = @Schema(type = "object")))
    @ProblemResponse(status = 404, description = "No event type of that name")
    public ResponseEntity<String> latest(
            @Parameter(description = "The event's name, the event-type header of its records", example = "OrderPlacedEvent")
            @PathVariable("eventType") String eventType) {
        EventSchemaCatalogue.EventType type = find(eventType);
        EventSchemaCatalogue.EventSchema schema = type.latest();
        return ResponseEntity.ok()
                .contentType(SCHEMA_JSON)
                .cacheControl(LATEST_CACHE)
                .header(HttpHeaders.CONTENT_LOCATION,
                        ApiLinks.path("/api/schemas/{eventType}/v{revision}", type.name(), schema.revision()))
                .body(schema.content());
    }

    /**
     * One revision of an event type's schema.
     *
     * @param eventType the event's name
     * @param revision  the revision
     * @return the schema
     */
    @GetMapping(path = "/{eventType}/v{revision}", produces = {SCHEMA_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Read one revision of an event type's JSON Schema")
    @ApiResponse(responseCode = "200", description = "The schema",
            content = @Content(mediaType = SCHEMA_JSON_VALUE, schema = @Schema(type = "object")))
    @ProblemResponse(status = 400, description = "The revision is not a number")
    @ProblemResponse(status = 404, description = "No event type of that name, or no such revision")
    public ResponseEntity<String> revision(
            @Parameter(description = "The event's name, the event-type header of its records", example = "OrderPlacedEvent")
            @PathVariable("eventType") String eventType,
            @Parameter(description = "The revision, the schema-version header of a record", example = "1")
            @PathVariable("revision") int revision) {
        EventSchemaCatalogue.EventSchema schema = find(eventType).revision(revision)
                .orElseThrow(() -> new ResourceNotFoundException(SCHEMA_NOT_FOUND,
                        eventType + " has no schema revision " + revision + "."));
        return ResponseEntity.ok()
                .contentType(SCHEMA_JSON)
                .cacheControl(REVISION_CACHE)
                .body(schema.content());
    }

    private EventSchemaCatalogue.EventType find(String eventType) {
        return catalogue.eventType(eventType).orElseThrow(() -> new ResourceNotFoundException(SCHEMA_NOT_FOUND,
                "No event type is named " + abbreviate(eventType) + "."));
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^A-Za-z0-9._-]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
