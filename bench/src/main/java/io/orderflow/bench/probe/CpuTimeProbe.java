package io.orderflow.bench.probe;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the application's CPU time: from its own {@code process.cpu.time} meter when it exposes
 * one, else from {@code /proc/<pid>/stat}. The source is chosen at the first reading and kept, so
 * two readings are always comparable.
 */
public final class CpuTimeProbe {

    private static final String METER = "process.cpu.time";

    private final ActuatorMetrics metrics;
    private final OptionalLong pid;
    private final long clockTicks;
    private String source;

    /**
     * @param metrics    the application's metrics endpoint
     * @param pid        the application's process id, when it runs on this machine
     * @param clockTicks the kernel's clock ticks per second
     */
    public CpuTimeProbe(ActuatorMetrics metrics, OptionalLong pid, long clockTicks) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.pid = Objects.requireNonNull(pid, "pid");
        this.clockTicks = clockTicks;
    }

    /** CPU seconds the application has used so far, or empty when neither source is available. */
    public synchronized Optional<Double> cpuSeconds() {
        if (source == null || source.startsWith("actuator")) {
            Optional<Double> seconds = metrics.read(METER).map(ActuatorMetrics.Metric::seconds);
            if (seconds.isPresent() || source != null) {
                source = "actuator:" + METER;
                return seconds;
            }
        }
        if (pid.isPresent()) {
            try {
                double seconds = ProcStat.cpuSeconds(pid.getAsLong(), clockTicks);
                source = "/proc/" + pid.getAsLong() + "/stat";
                return Optional.of(seconds);
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Where the readings come from, or {@code none}. */
    public synchronized String source() {
        return source == null ? "none" : source;
    }
}
