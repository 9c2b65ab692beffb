package io.orderflow.bench.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Edits the application's fault-injection settings as a JSON document, without depending on the
 * application's classes: fields are addressed by dotted paths ({@code payment.declineRate}), and
 * only fields the document already has can be set, so a typo fails loudly instead of being ignored
 * by the application.
 */
public final class SimulationSettingsEditor {

    private final ObjectMapper json;

    public SimulationSettingsEditor(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * Finds the payment decline rate: the one numeric field whose path mentions both "payment" and a
     * business refusal ("decline", "reject" or "refus"; for example {@code payment.rejectionRate} of
     * the application's {@code SimulationSettings}, or {@code paymentDeclineRate}), or else the one
     * that mentions a refusal.
     *
     * @throws IllegalArgumentException when there is no such field or more than one
     */
    public String paymentDeclineRatePath(JsonNode settings) {
        List<String> numeric = numericPaths(settings);
        List<String> decline = numeric.stream().filter(SimulationSettingsEditor::namesARefusal).toList();
        List<String> payment = decline.stream().filter(path -> lower(path).contains("payment")).toList();
        List<String> candidates = payment.isEmpty() ? decline : payment;
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("cannot tell the payment decline rate among " + candidates
                    + " (numeric fields: " + numeric + "); name it with --decline-rate-field");
        }
        return candidates.get(0);
    }

    /**
     * A copy of {@code settings} with the field at {@code path} set to {@code value}.
     *
     * @throws IllegalArgumentException when the document has no field at that path
     */
    public ObjectNode with(JsonNode settings, String path, JsonNode value) {
        if (!(settings instanceof ObjectNode)) {
            throw new IllegalArgumentException("the simulation settings are not a JSON object: " + settings);
        }
        ObjectNode copy = ((ObjectNode) settings).deepCopy();
        String[] parts = path.split("\\.");
        JsonNode node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (node == null || !node.isObject()) {
                throw unknownField(path, settings);
            }
        }
        ObjectNode parent = (ObjectNode) node;
        String field = parts[parts.length - 1];
        if (!parent.has(field) || parent.get(field).isContainerNode()) {
            throw unknownField(path, settings);
        }
        parent.set(field, value);
        return copy;
    }

    /**
     * A copy of {@code settings} with each {@code path=value} assignment applied; a value is read as
     * JSON (a number, {@code true}, {@code "text"}), or else taken as a string.
     */
    public ObjectNode withAssignments(JsonNode settings, Map<String, String> assignments) {
        if (!(settings instanceof ObjectNode)) {
            throw new IllegalArgumentException("the simulation settings are not a JSON object: " + settings);
        }
        ObjectNode result = ((ObjectNode) settings).deepCopy();
        for (Map.Entry<String, String> assignment : assignments.entrySet()) {
            result = with(result, assignment.getKey(), parseValue(assignment.getValue()));
        }
        return result;
    }

    /** Every path of a numeric leaf, in document order. */
    public List<String> numericPaths(JsonNode settings) {
        List<String> paths = new ArrayList<>();
        collect(settings, "", paths);
        return paths;
    }

    private JsonNode parseValue(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        if (node.isNumber()) {
            paths.add(prefix);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), paths);
            }
        }
    }

    private IllegalArgumentException unknownField(String path, JsonNode settings) {
        List<String> leaves = new ArrayList<>();
        collectLeaves(settings, "", leaves);
        leaves.sort(Comparator.naturalOrder());
        return new IllegalArgumentException("the simulation settings have no field '" + path + "'; fields: " + leaves);
    }

    private static void collectLeaves(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collectLeaves(field.getValue(),
                    prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), paths));
        } else {
            paths.add(prefix);
        }
    }

    private static boolean namesARefusal(String path) {
        String field = lower(path.substring(path.lastIndexOf('.') + 1));
        return field.contains("decline") || field.contains("reject") || field.contains("refus");
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
