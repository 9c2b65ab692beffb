package io.orderflow.bridge.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.orderflow.api.operations.BackboneStatus.ConsumerLag;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Measures, every {@code orderflow.kafka.observability.consumer-lag-interval}, how far every consumer
 * group of the event topic is behind, per partition, and publishes it as the gauge
 * {@value #METER} (tags {@code group}, {@code topic}, {@code partition}).
 *
 * <p>A consumer group counts once it has committed an offset on the topic. While Kafka does not answer,
 * the last measured values stay (and the Kafka health indicator says DOWN).
 */
public class ConsumerLagMonitor implements SmartLifecycle {

    /** The gauge of consumer lag per group, topic and partition. */
    public static final String METER = "orderflow.kafka.consumer.lag";

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);

    private final KafkaClusterAdmin admin;
    private final String topic;
    private final Duration interval;
    private final Duration timeout;
    private final MultiGauge gauge;

    private volatile List<ConsumerLag> current = List.of();
    private volatile boolean lastFailed;
    private ScheduledExecutorService scheduler;

    /**
     * Creates the monitor; it measures once started.
     *
     * @param admin         the admin client
     * @param topic         the event topic
     * @param interval      how often to measure
     * @param timeout       how long one measurement may take
     * @param meterRegistry where the gauge goes
     */
    public ConsumerLagMonitor(KafkaClusterAdmin admin, String topic, Duration interval, Duration timeout,
                              MeterRegistry meterRegistry) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.gauge = MultiGauge.builder(METER)
                .description("Records of the event topic a consumer group has not committed yet, per partition")
                .register(meterRegistry);
    }

    /**
     * The lag of the last successful measurement.
     *
     * @return per group and partition, ordered by group and partition; empty before the first measurement
     */
    public List<ConsumerLag> current() {
        return current;
    }

    /** Measures now, and updates {@link #current()} and the gauge; keeps the last values if Kafka fails. */
    public void refresh() {
        try {
            List<ConsumerLag> lags = admin.topicOffsets(topic, timeout).lags();
            gauge.register(lags.stream()
                    .map(lag -> MultiGauge.Row.of(Tags.of(
                            "group", lag.group(), "topic", lag.topic(), "partition", Integer.toString(lag.partition())),
                            lag.lag()))
                    .toList(), true);
            current = lags;
            if (lastFailed) {
                log.info("Measuring consumer lag on {} works again", topic);
            }
            lastFailed = false;
        } catch (RuntimeException e) {
            if (!lastFailed) {
                log.warn("Cannot measure consumer lag on {}: {}", topic, e.getMessage());
            }
            lastFailed = true;
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orderflow-consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
