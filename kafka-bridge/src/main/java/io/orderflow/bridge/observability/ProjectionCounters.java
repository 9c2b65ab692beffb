package io.orderflow.bridge.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads the read models' Kafka counters from the meter registry, where the projections module registers
 * them: dead letters per consumer group ({@value #DEAD_LETTERS}, tag {@value #GROUP_TAG}) and skipped
 * duplicates per read model ({@value #DUPLICATES_SKIPPED}, tag {@value #PROCESSOR_TAG}). A counter that
 * is not registered (no read model consumes Kafka in this instance, or nothing was counted yet) is
 * simply absent, which means zero.
 */
public class ProjectionCounters {

    /** The projections module's counter of dead-lettered records. */
    public static final String DEAD_LETTERS = "orderflow.projections.dead.letters";

    /** The projections module's counter of redelivered events it skipped. */
    public static final String DUPLICATES_SKIPPED = "orderflow.projections.duplicates.skipped";

    /** The tag of {@link #DEAD_LETTERS}: the consumer group. */
    public static final String GROUP_TAG = "group";

    /** The tag of {@link #DUPLICATES_SKIPPED}: the read model. */
    public static final String PROCESSOR_TAG = "processor";

    private final MeterRegistry registry;

    /**
     * Creates the reader.
     *
     * @param registry the registry the projections module registers its counters in
     */
    public ProjectionCounters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Dead letters per consumer group.
     *
     * @return counts by group, empty when nothing is registered
     */
    public Map<String, Long> deadLetters() {
        return countsByTag(DEAD_LETTERS, GROUP_TAG);
    }

    /**
     * Skipped duplicates per read model.
     *
     * @return counts by read model, empty when nothing is registered
     */
    public Map<String, Long> duplicatesSkipped() {
        return countsByTag(DUPLICATES_SKIPPED, PROCESSOR_TAG);
    }

    private Map<String, Long> countsByTag(String meter, String tag) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(meter).counters()) {
            String key = counter.getId().getTag(tag);
            counts.merge(key == null ? "" : key, (long) counter.count(), Long::sum);
        }
        return counts;
    }
}
