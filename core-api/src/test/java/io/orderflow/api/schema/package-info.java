/**
 * The event-schema gate: checks in {@code mvn verify} that every published event has a JSON Schema per revision, that
 * the current schema describes what the record really serializes to, and that each revision is compatible with the
 * previous one under the event type's configured mode.
 */
package io.orderflow.api.schema;
