package io.orderflow.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's CPU time from Linux's {@code /proc/<pid>/stat}. */
public final class ProcStat {

    private static final long DEFAULT_CLOCK_TICKS = 100;

    private ProcStat() {
    }

    /**
     * User plus system CPU time, in clock ticks, from the text of a {@code stat} file. The command
     * name (field 2) is in parentheses and may itself contain spaces and parentheses, so fields are
     * counted from the last {@code ')'}: {@code utime} and {@code stime} are fields 14 and 15.
     *
     * @throws IllegalArgumentException when the text is not a stat line
     */
    public static long cpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + stat);
        }
        // fields[0] is field 3 (state): utime (14) is fields[11], stime (15) is fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU seconds used so far by process {@code pid}.
     *
     * @throws IOException when the process does not exist
     */
    public static double cpuSeconds(long pid, long clockTicksPerSecond) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return cpuTicks(stat) / (double) clockTicksPerSecond;
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}), 100 when it cannot be asked. */
    public static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : DEFAULT_CLOCK_TICKS;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_CLOCK_TICKS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_CLOCK_TICKS;
        }
    }
}
