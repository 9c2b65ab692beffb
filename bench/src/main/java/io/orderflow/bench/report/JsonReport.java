package io.orderflow.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a result as a pretty-printed JSON document, one file per run. */
public final class JsonReport {

    private final ObjectMapper json;

    public JsonReport(ObjectMapper json) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The JSON text of a result. */
    public String render(BenchmarkResult result) throws IOException {
        return json.writeValueAsString(result);
    }

    /** Writes the result to {@code file}, creating parent directories, replacing an existing file. */
    public void write(BenchmarkResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(result) + System.lineSeparator());
    }
}
