package io.orderflow.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {

    @TempDir
    Path directory;

    @Test
    void writesTheHeaderOnceAndOneRowPerRun() throws Exception {
        Path file = directory.resolve("results/bench.csv");
        CsvReport report = new CsvReport();

        report.append(SampleResults.openLoop("first"), file);
        report.append(SampleResults.openLoop("second"), file);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(CsvReport.header());
        assertThat(lines.get(1)).contains(",first,").doesNotContain("second");
        assertThat(lines.get(2)).contains(",second,");
    }

    @Test
    void putsEveryFigureInItsColumn() {
        List<String> header = Arrays.asList(CsvReport.header().split(","));
        List<String> row = cells(CsvReport.row(SampleResults.openLoop("x")));

        assertThat(row).hasSameSizeAs(header);
        assertThat(row.get(header.indexOf("sagas_per_s"))).isEqualTo("100.000");
        assertThat(row.get(header.indexOf("e2e_p99_ms"))).isEqualTo("120.125");
        assertThat(row.get(header.indexOf("e2e_max_ms"))).isEqualTo("310.500");
        assertThat(row.get(header.indexOf("outcomes"))).isEqualTo("CANCELLED:PAYMENT_DECLINED=600;COMPLETED=5400");
        assertThat(row.get(header.indexOf("db_commits_per_saga"))).isEqualTo("11.000");
        assertThat(row.get(header.indexOf("kafka_records_per_saga"))).isEqualTo("14.000");
        assertThat(row.get(header.indexOf("app_cpu_s_per_1k_sagas"))).isEqualTo("25.000");
        assertThat(row.get(header.indexOf("backlog_growing"))).isEqualTo("false");
        assertThat(row.get(header.indexOf("heap_used_peak_mb"))).isEqualTo("700");
        assertThat(row.get(header.indexOf("concurrency"))).isEmpty();
        assertThat(row.get(header.indexOf("line_counts"))).isEqualTo("1:0.5000,2:0.5000");
    }

    @Test
    void leavesFiguresThatWereNotMeasuredEmpty() {
        List<String> header = Arrays.asList(CsvReport.header().split(","));
        List<String> row = cells(CsvReport.row(SampleResults.withoutProbes()));

        assertThat(row.get(header.indexOf("db_commits_per_saga"))).isEmpty();
        assertThat(row.get(header.indexOf("heap_used_before_mb"))).isEmpty();
    }

    @Test
    void quotesALabelWithCommasAndQuotes() {
        String row = CsvReport.row(SampleResults.openLoop("pg 15, \"fsync\" on"));

        assertThat(row).contains(",\"pg 15, \"\"fsync\"\" on\",");
    }

    @Test
    void refusesToMixColumnsIntoAFileWithAnotherHeader() throws Exception {
        Path file = directory.resolve("old.csv");
        Files.writeString(file, "started_at,something_else\n1,2\n");

        assertThatThrownBy(() -> new CsvReport().append(SampleResults.openLoop("x"), file))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    /** Splits one RFC 4180 row into its cells. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
