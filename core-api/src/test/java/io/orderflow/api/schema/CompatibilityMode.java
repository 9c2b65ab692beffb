package io.orderflow.api.schema;

import io.apicurio.registry.rules.compatibility.CompatibilityLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a new revision of an event schema must relate to the previous revision. The checks themselves are Apicurio
 * Registry's JSON Schema compatibility rules; this enum names the modes the project allows.
 */
public enum CompatibilityMode {

    /** Readers of the new revision can read events written with the previous one (the default). */
    BACKWARD(CompatibilityLevel.BACKWARD, "readers of the new revision must be able to read events written with the previous one"),

    /** Readers of the previous revision can read events written with the new one. */
    FORWARD(CompatibilityLevel.FORWARD, "readers of the previous revision must be able to read events written with the new one"),

    /** Both {@link #BACKWARD} and {@link #FORWARD}. */
    FULL(CompatibilityLevel.FULL, "readers of either revision must be able to read events written with the other"),

    /** No check: every stored event of the previous revision must then be carried over by an upcaster. */
    NONE(CompatibilityLevel.NONE, "no compatibility is required");

    private final CompatibilityLevel level;
    private final String meaning;

    CompatibilityMode(CompatibilityLevel level, String meaning) {
        this.level = level;
        this.meaning = meaning;
    }

    /** The Apicurio level that implements this mode. */
    CompatibilityLevel level() {
        return level;
    }

    /** What the mode promises, in words, for failure messages. */
    public String meaning() {
        return meaning;
    }

    /**
     * Parses a mode name as written in {@code compatibility.properties}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code text} is not one of them
     */
    public static CompatibilityMode parse(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT);
        for (CompatibilityMode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown compatibility mode '" + text.strip() + "', expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
