package io.orderflow.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fingerprint of a schema's meaning: SHA-256 of its canonical form, which drops annotations ({@code title},
 * {@code description}, {@code $comment}, {@code examples}) and ignores key order, order of {@code required},
 * {@code enum} and {@code type} lists, and whitespace. Editing the prose of a registered revision keeps its
 * fingerprint; changing what it accepts does not.
 */
public final class SchemaFingerprint {

    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "examples");
    private static final Set<String> UNORDERED_LISTS = Set.of("required", "enum", "type");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "definitions", "$defs", "dependencies");
    private static final Set<String> SCHEMA_VALUES = Set.of("items", "additionalProperties", "additionalItems", "contains",
            "not", "if", "then", "else", "propertyNames");
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "items");

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SchemaFingerprint() {
    }

    /** The hex SHA-256 of the canonical form of {@code schema}. */
    public static String of(JsonNode schema) {
        try {
            Object canonical = CANONICAL.treeToValue(canonicalize(schema), Object.class);
            byte[] bytes = CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint schema", e);
        }
    }

    private static JsonNode canonicalize(JsonNode schema) {
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode result = CANONICAL.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode map = CANONICAL.createObjectNode();
                value.fields().forEachRemaining(entry -> map.set(entry.getKey(), canonicalize(entry.getValue())));
                result.set(keyword, map);
            } else if (SCHEMA_LISTS.contains(keyword) && value.isArray()) {
                ArrayNode list = CANONICAL.createArrayNode();
                value.forEach(element -> list.add(canonicalize(element)));
                result.set(keyword, list);
            } else if (SCHEMA_VALUES.contains(keyword)) {
                result.set(keyword, canonicalize(value));
            } else if (UNORDERED_LISTS.contains(keyword) && value.isArray()) {
                List<JsonNode> sorted = new ArrayList<>();
                value.forEach(sorted::add);
                sorted.sort(Comparator.comparing(JsonNode::toString));
                result.set(keyword, CANONICAL.createArrayNode().addAll(sorted));
            } else {
                result.set(keyword, value);
            }
        }
        return result;
    }
}
