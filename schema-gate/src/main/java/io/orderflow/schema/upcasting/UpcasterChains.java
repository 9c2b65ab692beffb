package io.orderflow.schema.upcasting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Checks that a list of upcasters forms a chain Axon can run: no two upcasters read the same type and revision,
 * each step runs after the step that produces its input, and every path ends at the current {@code @Revision} of
 * an existing event class, so that no stored event is left at an old shape.
 */
public final class UpcasterChains {

    private UpcasterChains() {
    }

    /**
     * The chain of {@code upcasters} in their order.
     *
     * @throws IllegalStateException naming every problem of {@link #problems}
     */
    public static EventUpcasterChain checked(List<? extends JsonNodeUpcaster> upcasters) {
        List<String> problems = problems(upcasters);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid event upcaster chain:\n - " + String.join("\n - ", problems));
        }
        return new EventUpcasterChain(List.copyOf(upcasters));
    }

    /** What is wrong with {@code upcasters} as a chain; empty when it is valid. */
    public static List<String> problems(List<? extends JsonNodeUpcaster> upcasters) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> readerIndex = new HashMap<>();
        for (int i = 0; i < upcasters.size(); i++) {
            JsonNodeUpcaster upcaster = upcasters.get(i);
            Integer earlier = readerIndex.putIfAbsent(key(upcaster.sourceType()), i);
            if (earlier != null) {
                problems.add(upcaster + " and " + upcasters.get(earlier) + " both read "
                        + JsonNodeUpcaster.describe(upcaster.sourceType()));
            }
        }
        for (int i = 0; i < upcasters.size(); i++) {
            JsonNodeUpcaster upcaster = upcasters.get(i);
            Integer next = readerIndex.get(key(upcaster.targetType()));
            if (next == null) {
                problems.addAll(endProblems(upcaster));
            } else if (next < i) {
                problems.add(upcasters.get(next) + " must come after " + upcaster + ", which produces its input");
            }
        }
        return problems;
    }

    private static List<String> endProblems(JsonNodeUpcaster last) {
        SerializedType target = last.targetType();
        Class<?> eventType;
        try {
            eventType = Class.forName(target.getName(), false, last.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            return List.of(last + " ends at " + target.getName() + ", which is no class: stored events would never "
                    + "deserialize; add the next upcaster");
        }
        Revision revision = eventType.getAnnotation(Revision.class);
        String current = revision == null ? null : revision.value();
        if (!target.getRevision().equals(current)) {
            return List.of(last + " ends at revision " + target.getRevision() + " but " + eventType.getSimpleName()
                    + " is at @Revision(\"" + current + "\"): add the missing upcasters");
        }
        return List.of();
    }

    private static String key(SerializedType type) {
        return type.getName() + "#" + type.getRevision();
    }
}
