package io.orderflow.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Edits of an object schema the way a developer evolves an event, for gate tests. */
final class SchemaEdits {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaEdits() {
    }

    /** Removes a property and its {@code required} entry. */
    static ObjectNode removeProperty(ObjectNode schema, String name) {
        ((ObjectNode) schema.get("properties")).remove(name);
        removeRequired(schema, name);
        return schema;
    }

    /** Renames a property in place, keeping its schema and whether it is required. */
    static ObjectNode renameProperty(ObjectNode schema, String from, String to) {
        ObjectNode properties = (ObjectNode) schema.get("properties");
        Map<String, JsonNode> renamed = new LinkedHashMap<>();
        properties.fields().forEachRemaining(field -> renamed.put(field.getKey().equals(from) ? to : field.getKey(), field.getValue()));
        properties.removeAll();
        renamed.forEach(properties::set);
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals(from)) {
                required.set(i, NODES.textNode(to));
            }
        }
        return schema;
    }

    /** Adds an optional string property with a default value. */
    static ObjectNode addOptionalString(ObjectNode schema, String name, String defaultValue) {
        ObjectNode property = NODES.objectNode().put("type", "string").put("default", defaultValue);
        ((ObjectNode) schema.get("properties")).set(name, property);
        return schema;
    }

    /** Adds a required string property. */
    static ObjectNode addRequiredString(ObjectNode schema, String name) {
        ((ObjectNode) schema.get("properties")).set(name, NODES.objectNode().put("type", "string"));
        ((ArrayNode) schema.get("required")).add(name);
        return schema;
    }

    /** The schema of one property, for in-place edits. */
    static ObjectNode property(ObjectNode schema, String name) {
        return (ObjectNode) schema.get("properties").get(name);
    }

    private static void removeRequired(ObjectNode schema, String name) {
        for (Iterator<JsonNode> it = schema.withArray("required").elements(); it.hasNext(); ) {
            if (it.next().asText().equals(name)) {
                it.remove();
            }
        }
    }
}
