package io.orderflow.api.schema;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema folder: {@code <EventSimpleName>/v<revision>.schema.json} per event type and revision, plus
 * {@code compatibility.properties} (the mode per event type) and {@code revisions.lock} (the fingerprints of the
 * registered revisions). Reads everything eagerly; anything that does not fit the layout is kept as a problem for
 * the gate to report instead of being ignored.
 */
public final class EventSchemaRepository {

    /** The folder on the class path (and under {@code src/main/resources}) that holds the schemas. */
    public static final String FOLDER = "schemas";
    /** The file that sets the compatibility mode per event type. */
    public static final String COMPATIBILITY_FILE = "compatibility.properties";
    /** The file that registers each published revision with its fingerprint. */
    public static final String LOCK_FILE = "revisions.lock";

    private static final Set<String> TOP_LEVEL_FILES = Set.of(COMPATIBILITY_FILE, LOCK_FILE, "README.md");
    private static final Pattern REVISION_FILE = Pattern.compile("v([1-9][0-9]*)\\.schema\\.json");

    private final SortedMap<String, SortedMap<Integer, SchemaFile>> schemas = new TreeMap<>();
    private final List<String> layoutProblems = new ArrayList<>();
    private final Properties compatibility;
    private final Properties lock;

    private EventSchemaRepository(Path root) throws IOException {
        compatibility = readProperties(root.resolve(COMPATIBILITY_FILE));
        lock = readProperties(root.resolve(LOCK_FILE));
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry)) {
                    readEventFolder(name, entry);
                } else if (!TOP_LEVEL_FILES.contains(name)) {
                    layoutProblems.add(FOLDER + "/" + name + ": unexpected file; schemas live in "
                            + FOLDER + "/<EventSimpleName>/v<revision>.schema.json");
                }
            }
        }
    }

    /**
     * Reads core-api's schema folder: from the sources ({@code src/main/resources/schemas} under the module's base
     * directory, which Surefire passes as {@code basedir}) when they are there, so a file deleted from the sources
     * is not still seen in a stale {@code target/classes}; otherwise from the class path.
     */
    public static EventSchemaRepository ofCoreApi() {
        Path sources = Paths.get(System.getProperty("basedir", "."), "src", "main", "resources", FOLDER);
        return Files.isDirectory(sources) ? load(sources) : fromClasspath();
    }

    /** Reads the schema folder as the build copied it onto the class path. */
    public static EventSchemaRepository fromClasspath() {
        URL marker = EventSchemaRepository.class.getClassLoader().getResource(FOLDER + "/" + COMPATIBILITY_FILE);
        if (marker == null) {
            throw new IllegalStateException(FOLDER + "/" + COMPATIBILITY_FILE + " is not on the class path");
        }
        if (!"file".equals(marker.getProtocol())) {
            throw new IllegalStateException("the schema folder must be a directory on the class path, not " + marker);
        }
        try {
            return load(Paths.get(marker.toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a schema folder laid out like {@code src/main/resources/schemas}. */
    public static EventSchemaRepository load(Path root) {
        try {
            return new EventSchemaRepository(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema folder " + root, e);
        }
    }

    /** The event types that have a schema folder, by simple name. */
    public SortedSet<String> eventTypes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(schemas.keySet()));
    }

    /** The schemas of one event type by revision, oldest first; empty when the type has no folder. */
    public SortedMap<Integer, SchemaFile> revisions(String eventType) {
        return Collections.unmodifiableSortedMap(schemas.getOrDefault(eventType, new TreeMap<>()));
    }

    /** Files and folders that do not fit the layout. */
    public List<String> layoutProblems() {
        return List.copyOf(layoutProblems);
    }

    /** The content of {@code compatibility.properties}; empty when the file is missing. */
    public Properties compatibilitySettings() {
        Properties copy = new Properties();
        copy.putAll(compatibility);
        return copy;
    }

    /** The content of {@code revisions.lock}: {@code <EventType>/v<revision>} to fingerprint. */
    public Properties registeredRevisions() {
        Properties copy = new Properties();
        copy.putAll(lock);
        return copy;
    }

    private void readEventFolder(String eventType, Path folder) throws IOException {
        SortedMap<Integer, SchemaFile> revisions = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String location = FOLDER + "/" + eventType + "/" + name;
                Matcher matcher = REVISION_FILE.matcher(name);
                if (!matcher.matches() || Files.isDirectory(file)) {
                    layoutProblems.add(location + ": unexpected entry; name schema files v<revision>.schema.json");
                    continue;
                }
                int revision = Integer.parseInt(matcher.group(1));
                revisions.put(revision, new SchemaFile(eventType, revision, location,
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        if (revisions.isEmpty()) {
            layoutProblems.add(FOLDER + "/" + eventType + ": folder holds no v<revision>.schema.json");
        }
        schemas.put(eventType, revisions);
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
