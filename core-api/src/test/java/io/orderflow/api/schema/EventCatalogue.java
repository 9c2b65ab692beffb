package io.orderflow.api.schema;

import io.orderflow.api.order.OrderId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;

/**
 * The records of core-api's production classes under {@code io.orderflow.api}, read from the class-path entry that
 * holds core-api itself (test classes are never part of it).
 */
public final class EventCatalogue {

    private static final String ROOT_PACKAGE = "io/orderflow/api/";

    private final List<Class<?>> records;

    private EventCatalogue(List<Class<?>> records) {
        this.records = List.copyOf(records);
    }

    /** Scans core-api's production classes. */
    public static EventCatalogue scan() {
        try {
            Path location = Paths.get(OrderId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return new EventCatalogue(recordsUnder(location));
            }
            try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
                return new EventCatalogue(recordsUnder(jar.getPath("/")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan core-api's classes", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records annotated with {@code @Revision}: the event types that are stored and published. */
    public List<Class<?>> revisionedEvents() {
        return records.stream().filter(type -> type.isAnnotationPresent(Revision.class)).toList();
    }

    /** Records named like an event ({@code ...Event}) that lack {@code @Revision}. */
    public List<Class<?>> eventsWithoutRevision() {
        return records.stream()
                .filter(type -> type.getSimpleName().endsWith("Event") && !type.isAnnotationPresent(Revision.class))
                .toList();
    }

    private static List<Class<?>> recordsUnder(Path classesRoot) throws IOException {
        Path packageRoot = classesRoot.resolve(ROOT_PACKAGE);
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(packageRoot)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String relative = classesRoot.relativize(file).toString().replace('\\', '/');
                String className = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (className.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = load(className);
                if (type.isRecord()) {
                    found.add(type);
                }
            }
        }
        found.sort(Comparator.comparing(Class::getName));
        return found;
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, EventCatalogue.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + className, e);
        }
    }
}
