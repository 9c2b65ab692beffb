package io.orderflow.ui.api.schema;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer of {@code GET /api/schemas}: every event type published to Kafka, with its schema
 * revisions, compatibility mode and links.
 *
 * @param eventTypes the event types, in name order
 */
@Schema(description = "The event types on Kafka and where their JSON Schemas are")
public record EventSchemaIndex(List<Entry> eventTypes) {

    public EventSchemaIndex {
        eventTypes = List.copyOf(eventTypes);
    }

    /**
     * One event type.
     *
     * @param eventType      the event's name, as in the {@code event-type} header of its Kafka records
     * @param description    what the event says, from its schema
     * @param compatibility  how each revision is checked against the one before: BACKWARD, FORWARD, FULL or NONE
     * @param latestRevision the newest revision (the {@code schema-version} header of new records)
     * @param latest         the newest revision's schema
     * @param revisions      every revision, oldest first
     */
    @Schema(name = "EventSchemaEntry", description = "An event type and its schema revisions")
    public record Entry(
            @Schema(example = "OrderPlacedEvent") String eventType,
            String description,
            @Schema(example = "BACKWARD") String compatibility,
            @Schema(example = "1") int latestRevision,
            @Schema(example = "/api/schemas/OrderPlacedEvent") String latest,
            List<Revision> revisions) {

        public Entry {
            revisions = List.copyOf(revisions);
        }
    }

    /**
     * One schema revision.
     *
     * @param revision the revision
     * @param schemaId the schema's {@code $id}
     * @param href     where the schema is served
     */
    @Schema(name = "EventSchemaRevision", description = "One revision of an event's JSON Schema")
    public record Revision(
            @Schema(example = "1") int revision,
            @Schema(example = "urn:orderflow:event:OrderPlacedEvent:1") String schemaId,
            @Schema(example = "/api/schemas/OrderPlacedEvent/v1") String href) {
    }
}
