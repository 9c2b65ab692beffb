package io.orderflow.api.schema;

/**
 * One checked-in schema: revision {@code revision} of event type {@code eventType}.
 *
 * @param eventType the simple name of the event record, which is also the schema's folder name
 * @param revision  the revision, matching the record's {@code @Revision} when it is the current one
 * @param location  where the file lives, relative to the module's resources, for messages
 * @param content   the JSON Schema text
 */
public record SchemaFile(String eventType, int revision, String location, String content) {
}
