package io.orderflow.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A throw-away schema folder for gate tests, seeded from the real schemas of core-api and changed the way a
 * developer would change them.
 */
final class SchemaFolderFixture {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;

    SchemaFolderFixture(Path root) {
        this.root = root;
        compatibility("default=BACKWARD");
    }

    /** The real schema of {@code eventType} at {@code revision}, as a mutable tree. */
    static ObjectNode realSchema(String eventType, int revision) {
        String resource = EventSchemaRepository.FOLDER + "/" + eventType + "/v" + revision + ".schema.json";
        try (InputStream in = SchemaFolderFixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real schema changed by {@code change}, as the schema of {@code revision} (with a matching {@code $id}). */
    static ObjectNode evolved(String eventType, int revision, Consumer<ObjectNode> change) {
        ObjectNode schema = realSchema(eventType, 1);
        schema.put("$id", SchemaGate.schemaId(eventType, revision));
        change.accept(schema);
        return schema;
    }

    /** Writes {@code schema} as {@code <eventType>/v<revision>.schema.json}. */
    SchemaFolderFixture schema(String eventType, int revision, JsonNode schema) {
        try {
            String json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema);
            return file(eventType + "/v" + revision + ".schema.json", json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the real schema of {@code eventType} revision 1. */
    SchemaFolderFixture realSchemaOf(String eventType) {
        return schema(eventType, 1, realSchema(eventType, 1));
    }

    /** Replaces {@code compatibility.properties}. */
    SchemaFolderFixture compatibility(String... lines) {
        return file(EventSchemaRepository.COMPATIBILITY_FILE, String.join("\n", lines) + "\n");
    }

    /** Registers every schema file present now in {@code revisions.lock}, with its current fingerprint. */
    SchemaFolderFixture registerAll() {
        EventSchemaRepository repository = repository();
        StringBuilder lock = new StringBuilder();
        for (String type : repository.eventTypes()) {
            for (SchemaFile file : repository.revisions(type).values()) {
                try {
                    lock.append(type).append("/v").append(file.revision()).append('=')
                            .append(SchemaFingerprint.of(MAPPER.readTree(file.content()))).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return file(EventSchemaRepository.LOCK_FILE, lock.toString());
    }

    /** Writes any file, relative to the folder. */
    SchemaFolderFixture file(String relativePath, String content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file, relative to the folder. */
    SchemaFolderFixture delete(String relativePath) {
        try {
            Files.delete(root.resolve(relativePath));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EventSchemaRepository repository() {
        return EventSchemaRepository.load(root);
    }

    SchemaGate gate() {
        return new SchemaGate(repository());
    }
}
