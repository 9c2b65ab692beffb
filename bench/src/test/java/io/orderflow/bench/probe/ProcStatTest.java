package io.orderflow.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void addsUserAndSystemTicks() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 52831 0 3 0 1500 250 0 0 20 0 45 0 1234 0 0";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void countsFieldsFromTheLastParenthesisOfTheCommandName() {
        String stat = "77 (my (odd) app) R 1 77 77 0 -1 0 0 0 0 0 30 12 0 0 20 0 1 0 99 0 0";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(42);
    }

    @Test
    void readsTheCpuTimeOfARunningProcess() throws IOException {
        double seconds = ProcStat.cpuSeconds(ProcessHandle.current().pid(), ProcStat.clockTicksPerSecond());

        assertThat(seconds).isPositive();
    }

    @Test
    void rejectsTextThatIsNoStatLine() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.cpuTicks("1 (x) S 1 2")).isInstanceOf(IllegalArgumentException.class);
    }
}
