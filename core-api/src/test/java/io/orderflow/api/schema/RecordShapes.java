package io.orderflow.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the structure of a checked-in schema with the structure a record serializes to. The record's side is a
 * JSON Schema generated from the class by victools' generator through Jackson's view of it (so Jackson naming rules
 * apply). Both sides are reduced to their <em>shape</em>: property names, JSON types, enum constants, formats,
 * array items and whether objects are closed. What a generator cannot know from a record is left to the schema's
 * author and not compared: which properties are required (an older revision may lack them), nullability (a
 * {@code "null"} type), constraints ({@code pattern}, {@code minimum}) and prose.
 */
public final class RecordShapes {

    private final SchemaGenerator generator = new SchemaGenerator(
            new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                    .with(new JacksonModule())
                    .with(Option.INLINE_ALL_SCHEMAS, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                    .build());
    private final ObjectMapper mapper = new ObjectMapper();

    /** The JSON Schema generated from {@code type}. */
    public JsonNode generate(Class<?> type) {
        return generator.generateSchema(type);
    }

    /**
     * The structural differences between what {@code type} serializes to and {@code schema}, in words; empty when
     * the schema describes the record.
     */
    public List<String> differences(Class<?> type, JsonNode schema) {
        List<String> differences = new ArrayList<>();
        compare("", shape(generate(type)), shape(schema), differences);
        return differences;
    }

    /** The shape of a schema: the parts that must agree with the record, in a canonical order. */
    JsonNode shape(JsonNode schema) {
        ObjectNode shape = mapper.createObjectNode();
        Set<String> types = new TreeSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        types.remove("null");
        ArrayNode typeNode = shape.putArray("type");
        types.forEach(typeNode::add);
        if (schema.has("enum")) {
            Set<String> constants = new TreeSet<>();
            schema.get("enum").forEach(constant -> {
                if (!constant.isNull()) {
                    constants.add(constant.asText());
                }
            });
            ArrayNode enumNode = shape.putArray("enum");
            constants.forEach(enumNode::add);
        }
        if (schema.has("format")) {
            shape.put("format", schema.get("format").asText());
        }
        if (types.contains("object")) {
            JsonNode additional = schema.path("additionalProperties");
            shape.set("additionalProperties", additional.isMissingNode() ? BooleanNode.TRUE : additional);
            ObjectNode properties = shape.putObject("properties");
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            schema.path("properties").fields().forEachRemaining(field -> sorted.put(field.getKey(), shape(field.getValue())));
            sorted.forEach(properties::set);
        }
        if (types.contains("array") && schema.has("items")) {
            shape.set("items", shape(schema.get("items")));
        }
        return shape;
    }

    private static void compare(String path, JsonNode record, JsonNode schema, List<String> differences) {
        String where = path.isEmpty() ? "the event" : "'" + path + "'";
        if (!record.path("type").equals(schema.path("type"))) {
            differences.add(where + " is serialized as " + record.path("type") + " but the schema declares " + schema.path("type"));
            return;
        }
        if (!record.path("enum").equals(schema.path("enum"))) {
            differences.add(where + " has the constants " + record.path("enum") + " but the schema allows " + schema.path("enum"));
        }
        if (!record.path("format").equals(schema.path("format"))) {
            differences.add(where + " has format " + text(record.path("format")) + " but the schema declares "
                    + text(schema.path("format")));
        }
        if (!record.path("additionalProperties").equals(schema.path("additionalProperties"))) {
            differences.add(where + " must be a closed object (\"additionalProperties\": false), like every record");
        }
        JsonNode recordProperties = record.path("properties");
        JsonNode schemaProperties = schema.path("properties");
        for (Iterator<String> it = recordProperties.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String child = path.isEmpty() ? name : path + "." + name;
            if (schemaProperties.has(name)) {
                compare(child, recordProperties.get(name), schemaProperties.get(name), differences);
            } else {
                differences.add("'" + child + "' is serialized by the record but missing from the schema");
            }
        }
        for (Iterator<String> it = schemaProperties.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!recordProperties.has(name)) {
                differences.add("'" + (path.isEmpty() ? name : path + "." + name)
                        + "' is declared by the schema but the record does not serialize it");
            }
        }
        if (record.has("items") || schema.has("items")) {
            compare(path + "[]", record.path("items"), schema.path("items"), differences);
        }
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() ? "(none)" : value.asText();
    }
}
