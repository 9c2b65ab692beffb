package io.orderflow.projections.support;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.env.PropertyResolver;

/**
 * The transports that can feed the read models, and which of them are active.
 *
 * <p>By default exactly one feed is active, chosen by {@value #FEED_PROPERTY} ({@code kafka}, the
 * default, or {@code axon}). Each feed also has its own switch, {@value #AXON_FEED_ENABLED} and
 * {@value #KAFKA_FEED_ENABLED}; a switch that is set explicitly wins for its own feed:
 *
 * <ul>
 *   <li>an explicit switch decides its feed;</li>
 *   <li>otherwise {@value #FEED_PROPERTY}, when set, decides;</li>
 *   <li>otherwise the other feed's explicit switch decides, inverted (so the older configuration
 *       {@code orderflow.projections.axon-feed.enabled=true} alone still means "the Axon feed, not
 *       Kafka", and {@code orderflow.projections.kafka-feed.enabled=false} alone falls back to Axon);</li>
 *   <li>otherwise Kafka.</li>
 * </ul>
 *
 * <p>Setting both switches to {@code true} runs both feeds; that is safe, because both deliver the
 * same event identifiers and the processed-event ledger applies each event once, but it does the
 * work twice.
 */
public enum ReadModelFeed {

    /** Axon's event store, through pooled streaming event processors. */
    AXON,

    /** The {@code orderflow.events} Kafka topic, through spring-kafka consumer groups. */
    KAFKA;

    /** Chooses the feed when neither switch is set: {@code kafka} (default) or {@code axon}. */
    public static final String FEED_PROPERTY = "orderflow.projections.feed";

    /** The Axon feed's own switch. */
    public static final String AXON_FEED_ENABLED = "orderflow.projections.axon-feed.enabled";

    /** The Kafka feed's own switch. */
    public static final String KAFKA_FEED_ENABLED = "orderflow.projections.kafka-feed.enabled";

    /** The feed used when nothing is configured. */
    public static final ReadModelFeed DEFAULT = KAFKA;

    /**
     * The feeds that are active under the given configuration.
     *
     * @param properties the environment
     * @return the active feeds; empty only if both switches are explicitly {@code false}
     * @throws IllegalArgumentException if {@value #FEED_PROPERTY} names no feed
     */
    public static Set<ReadModelFeed> active(PropertyResolver properties) {
        Boolean axonSwitch = properties.getProperty(AXON_FEED_ENABLED, Boolean.class);
        Boolean kafkaSwitch = properties.getProperty(KAFKA_FEED_ENABLED, Boolean.class);
        ReadModelFeed chosen = chosen(properties);
        Set<ReadModelFeed> active = EnumSet.noneOf(ReadModelFeed.class);
        if (decide(axonSwitch, chosen, AXON, kafkaSwitch)) {
            active.add(AXON);
        }
        if (decide(kafkaSwitch, chosen, KAFKA, axonSwitch)) {
            active.add(KAFKA);
        }
        return active;
    }

    /** Whether this feed is active under the given configuration. */
    public boolean isActive(PropertyResolver properties) {
        return active(properties).contains(this);
    }

    private static boolean decide(Boolean ownSwitch, ReadModelFeed chosen, ReadModelFeed feed, Boolean otherSwitch) {
        if (ownSwitch != null) {
            return ownSwitch;
        }
        if (chosen != null) {
            return chosen == feed;
        }
        if (otherSwitch != null) {
            return !otherSwitch;
        }
        return DEFAULT == feed;
    }

    private static ReadModelFeed chosen(PropertyResolver properties) {
        String value = properties.getProperty(FEED_PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(FEED_PROPERTY + " must be 'kafka' or 'axon': " + value, unknown);
        }
    }
}
