package io.orderflow.api.schema;

import java.util.List;

/**
 * The outcome of one compatibility check between two revisions of an event schema.
 *
 * @param mode              the mode that was checked
 * @param incompatibilities the incompatible differences the checker found, empty when compatible
 * @param propertyChanges   the property-level changes between the two revisions in words (removed, added, retyped),
 *                          to make a failure readable; informative only, the verdict comes from the checker
 */
public record CompatibilityVerdict(CompatibilityMode mode, List<String> incompatibilities, List<String> propertyChanges) {

    public CompatibilityVerdict {
        incompatibilities = List.copyOf(incompatibilities);
        propertyChanges = List.copyOf(propertyChanges);
    }

    /** Whether the new revision satisfies the mode. */
    public boolean compatible() {
        return incompatibilities.isEmpty();
    }

    /** A multi-line explanation: what the mode requires, what the checker found and which properties changed. */
    public String describe() {
        if (compatible()) {
            return "compatible under " + mode;
        }
        StringBuilder text = new StringBuilder("not ").append(mode).append(" compatible (")
                .append(mode.meaning()).append(")");
        for (String incompatibility : incompatibilities) {
            text.append("\n    - ").append(incompatibility);
        }
        if (!propertyChanges.isEmpty()) {
            text.append("\n    property changes: ").append(String.join("; ", propertyChanges));
        }
        return text.toString();
    }
}
