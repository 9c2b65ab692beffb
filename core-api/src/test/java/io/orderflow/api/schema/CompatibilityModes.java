package io.orderflow.api.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The compatibility mode of every event type, read from {@code compatibility.properties}: the key {@code default}
 * sets the mode of every type without its own line (BACKWARD if absent), a key named after an event type's simple
 * name overrides it.
 *
 * @param defaultMode the mode of event types without an override
 * @param overrides   the mode per event type simple name
 * @param problems    lines that could not be read, for the gate to report
 */
public record CompatibilityModes(CompatibilityMode defaultMode, Map<String, CompatibilityMode> overrides, List<String> problems) {

    /** The key that sets the default mode. */
    public static final String DEFAULT_KEY = "default";

    public CompatibilityModes {
        overrides = Map.copyOf(overrides);
        problems = List.copyOf(problems);
    }

    /** Reads the settings; unknown mode names become {@link #problems()} and fall back to BACKWARD. */
    public static CompatibilityModes from(Properties settings) {
        List<String> problems = new ArrayList<>();
        CompatibilityMode defaultMode = CompatibilityMode.BACKWARD;
        Map<String, CompatibilityMode> overrides = new TreeMap<>();
        for (String key : new TreeMap<>(settings).keySet().stream().map(String::valueOf).toList()) {
            CompatibilityMode mode;
            try {
                mode = CompatibilityMode.parse(settings.getProperty(key));
            } catch (IllegalArgumentException e) {
                problems.add(EventSchemaRepository.COMPATIBILITY_FILE + ": " + key + ": " + e.getMessage());
                continue;
            }
            if (DEFAULT_KEY.equals(key)) {
                defaultMode = mode;
            } else {
                overrides.put(key, mode);
            }
        }
        return new CompatibilityModes(defaultMode, overrides, problems);
    }

    /** The mode an event type promises. */
    public CompatibilityMode modeOf(String eventType) {
        return overrides.getOrDefault(eventType, defaultMode);
    }
}
