package io.orderflow.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.content.TypedContent;
import io.apicurio.registry.rules.compatibility.CompatibilityDifference;
import io.apicurio.registry.rules.compatibility.CompatibilityExecutionResult;
import io.apicurio.registry.rules.compatibility.JsonSchemaCompatibilityChecker;
import io.apicurio.registry.rules.compatibility.JsonSchemaCompatibilityDifference;
import io.apicurio.registry.rules.compatibility.jsonschema.diff.Difference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a new revision of an event's JSON Schema is compatible with the previous revision under a
 * {@link CompatibilityMode}. The decision is Apicurio Registry's {@link JsonSchemaCompatibilityChecker} (the rules its
 * registry enforces); this class only feeds it and turns its findings into readable sentences.
 */
public final class SchemaCompatibilityChecker {

    private static final String CONTENT_TYPE = "application/json";
    private static final int MAX_SUBSCHEMA_LENGTH = 160;

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchemaCompatibilityChecker checker = new JsonSchemaCompatibilityChecker();

    /**
     * Checks {@code proposedSchema} against {@code previousSchema}.
     *
     * @param mode           the compatibility the event type promises
     * @param previousSchema the JSON Schema of the previous revision
     * @param proposedSchema the JSON Schema of the new revision
     * @return the verdict; an unreadable schema is reported as an incompatibility, never thrown
     */
    public CompatibilityVerdict check(CompatibilityMode mode, String previousSchema, String proposedSchema) {
        List<String> propertyChanges;
        try {
            propertyChanges = propertyChanges(mapper.readTree(previousSchema), mapper.readTree(proposedSchema));
        } catch (JsonProcessingException e) {
            return new CompatibilityVerdict(mode, List.of("schema is not valid JSON: " + e.getOriginalMessage()), List.of());
        }
        CompatibilityExecutionResult result;
        try {
            result = checker.testCompatibility(mode.level(), List.of(TypedContent.create(previousSchema, CONTENT_TYPE)),
                    TypedContent.create(proposedSchema, CONTENT_TYPE), Map.of());
        } catch (RuntimeException e) {
            return new CompatibilityVerdict(mode, List.of("schema could not be compared: " + e.getMessage()), propertyChanges);
        }
        Set<String> incompatibilities = new TreeSet<>();
        for (CompatibilityDifference difference : result.getIncompatibleDifferences()) {
            incompatibilities.add(describe(difference));
        }
        return new CompatibilityVerdict(mode, new ArrayList<>(incompatibilities), propertyChanges);
    }

    private static String describe(CompatibilityDifference difference) {
        if (difference instanceof JsonSchemaCompatibilityDifference) {
            Difference detail = ((JsonSchemaCompatibilityDifference) difference).getDifference();
            return detail.getDiffType().getDescription() + " at " + detail.getPathUpdated()
                    + " (" + shorten(detail.getSubSchemaOriginal()) + " -> " + shorten(detail.getSubSchemaUpdated()) + ")";
        }
        return difference.asRuleViolation().getDescription() + " at " + difference.asRuleViolation().getContext();
    }

    private static String shorten(String subschema) {
        return subschema.length() <= MAX_SUBSCHEMA_LENGTH ? subschema : subschema.substring(0, MAX_SUBSCHEMA_LENGTH) + "...";
    }

    /** Property-level differences in words, for humans: which properties were removed, added or retyped where. */
    static List<String> propertyChanges(JsonNode previous, JsonNode proposed) {
        List<String> changes = new ArrayList<>();
        collectChanges("", previous, proposed, changes);
        return changes;
    }

    private static void collectChanges(String path, JsonNode previous, JsonNode proposed, List<String> changes) {
        if (!previous.path("type").equals(proposed.path("type"))) {
            changes.add("type of " + display(path) + " changed from " + previous.path("type")
                    + " to " + proposed.path("type"));
        }
        if (!previous.path("enum").equals(proposed.path("enum"))) {
            changes.add("allowed values of " + display(path) + " changed from " + previous.path("enum")
                    + " to " + proposed.path("enum"));
        }
        JsonNode previousProperties = previous.path("properties");
        JsonNode proposedProperties = proposed.path("properties");
        Set<String> previouslyRequired = names(previous.path("required"));
        Set<String> required = names(proposed.path("required"));
        for (Iterator<String> it = previousProperties.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!proposedProperties.has(name)) {
                changes.add("removed '" + path + name + "'");
            }
        }
        for (Iterator<String> it = proposedProperties.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!previousProperties.has(name)) {
                changes.add("added " + (required.contains(name) ? "required" : "optional") + " '" + path + name + "'");
                continue;
            }
            if (previouslyRequired.contains(name) != required.contains(name)) {
                changes.add("'" + path + name + "' became " + (required.contains(name) ? "required" : "optional"));
            }
            collectChanges(path + name + ".", previousProperties.get(name), proposedProperties.get(name), changes);
        }
        if (previous.has("items") && proposed.has("items")) {
            collectChanges(path.isEmpty() ? "[]." : path.substring(0, path.length() - 1) + "[].",
                    previous.get("items"), proposed.get("items"), changes);
        }
    }

    private static String display(String path) {
        return path.isEmpty() ? "the event" : "'" + path.substring(0, path.length() - 1) + "'";
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
