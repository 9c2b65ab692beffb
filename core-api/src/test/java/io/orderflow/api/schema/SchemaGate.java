package io.orderflow.api.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.serialization.Revision;

/**
 * The event-schema gate. Each check returns its violations as readable sentences (empty means it passed):
 * <ol>
 *   <li>{@link #checkCoverage coverage}: every {@code @Revision} event record has a schema for every revision up to
 *       its current one, and every schema folder belongs to an event record;</li>
 *   <li>{@link #checkConformance conformance}: the schema of the current revision describes what the record really
 *       serializes to (structure compared with a schema generated from the record, a serialized sample validated
 *       against the schema and read back);</li>
 *   <li>{@link #checkEvolution evolution}: every revision is compatible with the previous one under the event
 *       type's mode from {@code compatibility.properties} (Apicurio Registry's rules decide);</li>
 *   <li>{@link #checkRegistration registration}: every revision is registered in {@code revisions.lock} and has not
 *       changed since, so a published schema cannot be edited in place to dodge the evolution check;</li>
 *   <li>{@link #checkConfiguration configuration}: {@code compatibility.properties} names known modes and event
 *       types only.</li>
 * </ol>
 */
public final class SchemaGate {

    /** The JSON Schema dialect of every schema file: the one Apicurio's checker and the validator read. */
    public static final String DIALECT = "http://json-schema.org/draft-07/schema#";

    private final EventSchemaRepository repository;
    private final SchemaCompatibilityChecker checker = new SchemaCompatibilityChecker();
    private final RecordShapes shapes = new RecordShapes();
    private final ObjectMapper mapper = EventJson.mapper();
    private final JsonSchemaFactory validators = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final SchemaValidatorsConfig validatorConfig =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    /** A gate over the schemas in {@code repository}. */
    public SchemaGate(EventSchemaRepository repository) {
        this.repository = repository;
    }

    /** The {@code $id} a schema of {@code eventType} at {@code revision} carries. */
    public static String schemaId(String eventType, int revision) {
        return "urn:orderflow:event:" + eventType + ":" + revision;
    }

    /** Every check at once, in the order of the class comment. */
    public List<String> checkAll(List<Class<?>> events) {
        List<String> violations = new ArrayList<>();
        violations.addAll(checkCoverage(events));
        violations.addAll(checkConformance(events));
        violations.addAll(checkEvolution());
        violations.addAll(checkRegistration());
        violations.addAll(checkConfiguration(events));
        return violations;
    }

    /** Every event has a schema for each of its revisions, and every schema folder has an event. */
    public List<String> checkCoverage(List<Class<?>> events) {
        List<String> violations = new ArrayList<>(repository.layoutProblems());
        Map<String, Class<?>> bySimpleName = new HashMap<>();
        for (Class<?> event : events) {
            Class<?> clash = bySimpleName.put(event.getSimpleName(), event);
            if (clash != null) {
                violations.add(event.getName() + " and " + clash.getName() + " share the simple name that names their "
                        + "schema folder; rename one");
            }
            Integer current = currentRevision(event, violations);
            if (current == null) {
                continue;
            }
            String type = event.getSimpleName();
            SortedMap<Integer, SchemaFile> revisions = repository.revisions(type);
            if (revisions.isEmpty()) {
                violations.add(type + " (@Revision(\"" + current + "\")) has no schema: add "
                        + location(type, current) + " describing what the record serializes to");
                continue;
            }
            int newest = revisions.lastKey();
            if (newest < current) {
                violations.add(type + " is at @Revision(\"" + current + "\") but its newest schema is revision " + newest
                        + ": add " + location(type, current));
            } else if (newest > current) {
                violations.add(type + " has a schema for revision " + newest + " but the record is at @Revision(\""
                        + current + "\"): bump @Revision together with the new schema");
            }
            List<Integer> missing = new ArrayList<>();
            for (int revision = 1; revision < newest; revision++) {
                if (!revisions.containsKey(revision)) {
                    missing.add(revision);
                }
            }
            if (!missing.isEmpty()) {
                violations.add(type + " lacks the schemas of revisions " + missing
                        + ": every revision keeps its schema, so each step can be checked against the one before");
            }
        }
        for (String folder : repository.eventTypes()) {
            if (!bySimpleName.containsKey(folder)) {
                violations.add(EventSchemaRepository.FOLDER + "/" + folder + " belongs to no @Revision event record named "
                        + folder + ": renaming an event type breaks every stored event of it; if the type is really "
                        + "gone, remove its folder and its lines in " + EventSchemaRepository.LOCK_FILE);
            }
        }
        return violations;
    }

    /** The schema of each event's current revision describes what the record serializes to. */
    public List<String> checkConformance(List<Class<?>> events) {
        List<String> violations = new ArrayList<>();
        for (Class<?> event : events) {
            Integer current = currentRevision(event, new ArrayList<>());
            SchemaFile file = current == null ? null : repository.revisions(event.getSimpleName()).get(current);
            if (file == null) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            JsonNode schema = readJson(file, problems);
            if (schema != null) {
                problems.addAll(headerProblems(file, schema));
                problems.addAll(requiredProblems("", schema));
                problems.addAll(shapes.differences(event, schema));
                problems.addAll(sampleProblems(event, schema));
            }
            problems.forEach(problem -> violations.add(file.location() + " does not describe " + event.getSimpleName()
                    + ": " + problem));
        }
        return violations;
    }

    /** Each revision is compatible with the previous one under the event type's mode. */
    public List<String> checkEvolution() {
        CompatibilityModes modes = CompatibilityModes.from(repository.compatibilitySettings());
        List<String> violations = new ArrayList<>();
        for (String type : repository.eventTypes()) {
            CompatibilityMode mode = modes.modeOf(type);
            SchemaFile previous = null;
            for (SchemaFile file : repository.revisions(type).values()) {
                if (previous != null) {
                    CompatibilityVerdict verdict = checker.check(mode, previous.content(), file.content());
                    if (!verdict.compatible()) {
                        violations.add(type + " revision " + previous.revision() + " -> " + file.revision() + " ("
                                + file.location() + ") is " + verdict.describe());
                    }
                }
                previous = file;
            }
        }
        return violations;
    }

    /** Every schema file is registered in {@code revisions.lock} with its current fingerprint. */
    public List<String> checkRegistration() {
        Properties registered = repository.registeredRevisions();
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String type : repository.eventTypes()) {
            for (SchemaFile file : repository.revisions(type).values()) {
                String key = type + "/v" + file.revision();
                seen.add(key);
                JsonNode schema = readJson(file, new ArrayList<>());
                if (schema == null) {
                    continue;
                }
                String fingerprint = SchemaFingerprint.of(schema);
                String expected = registered.getProperty(key);
                if (expected == null) {
                    violations.add(file.location() + " is not registered: once it is final, add the line \"" + key + "="
                            + fingerprint + "\" to " + EventSchemaRepository.FOLDER + "/" + EventSchemaRepository.LOCK_FILE);
                } else if (!expected.strip().equals(fingerprint)) {
                    violations.add(file.location() + " changed after it was registered (registered " + expected.strip()
                            + ", now " + fingerprint + "): a registered revision is immutable because events of it are "
                            + "already stored and published; revert the change and describe the new shape in "
                            + location(type, repository.revisions(type).lastKey() + 1) + " instead");
                }
            }
        }
        for (String key : new TreeSet<>(registered.stringPropertyNames())) {
            if (!seen.contains(key)) {
                violations.add(EventSchemaRepository.LOCK_FILE + " registers " + key + " but its schema file is missing: "
                        + "a registered revision must stay, stored events of it are upcast from it");
            }
        }
        return violations;
    }

    /** {@code compatibility.properties} names known modes and event types only. */
    public List<String> checkConfiguration(List<Class<?>> events) {
        CompatibilityModes modes = CompatibilityModes.from(repository.compatibilitySettings());
        List<String> violations = new ArrayList<>(modes.problems());
        Set<String> known = events.stream().map(Class::getSimpleName).collect(Collectors.toSet());
        for (String type : new TreeSet<>(modes.overrides().keySet())) {
            if (!known.contains(type)) {
                violations.add(EventSchemaRepository.COMPATIBILITY_FILE + " sets a mode for " + type
                        + ", which is no @Revision event record");
            }
        }
        return violations;
    }

    private static Integer currentRevision(Class<?> event, List<String> violations) {
        Revision revision = event.getAnnotation(Revision.class);
        if (revision == null) {
            violations.add(event.getName() + " has no @Revision");
            return null;
        }
        try {
            int value = Integer.parseInt(revision.value());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        violations.add(event.getName() + " has @Revision(\"" + revision.value() + "\"); revisions are 1, 2, 3, ...");
        return null;
    }

    private List<String> headerProblems(SchemaFile file, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        if (!DIALECT.equals(schema.path("$schema").asText())) {
            problems.add("\"$schema\" must be \"" + DIALECT + "\"");
        }
        String id = schemaId(file.eventType(), file.revision());
        if (!id.equals(schema.path("$id").asText())) {
            problems.add("\"$id\" must be \"" + id + "\" (copied from another revision?)");
        }
        if (!file.eventType().equals(schema.path("title").asText())) {
            problems.add("\"title\" must be \"" + file.eventType() + "\"");
        }
        return problems;
    }

    private static List<String> requiredProblems(String path, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        schema.path("required").forEach(name -> {
            if (!properties.has(name.asText())) {
                problems.add("'" + path + name.asText() + "' is required but not declared in \"properties\"");
            }
        });
        properties.fields().forEachRemaining(
                field -> problems.addAll(requiredProblems(path + field.getKey() + ".", field.getValue())));
        if (schema.has("items")) {
            String items = path.isEmpty() ? "[]." : path.substring(0, path.length() - 1) + "[].";
            problems.addAll(requiredProblems(items, schema.get("items")));
        }
        return problems;
    }

    private List<String> sampleProblems(Class<?> event, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        Object sample;
        String json;
        JsonNode tree;
        try {
            sample = SampleEvents.of(event);
            json = mapper.writeValueAsString(sample);
            tree = mapper.readTree(json);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return List.of("no sample could be serialized: " + e.getMessage());
        }
        JsonSchema validator = validators.getSchema(schema, validatorConfig);
        validator.validate(tree).stream().map(SchemaGate::describe).sorted()
                .forEach(message -> problems.add("a serialized sample " + json + " is rejected: " + message));
        try {
            Object readBack = mapper.readValue(json, event);
            if (!sample.equals(readBack)) {
                problems.add("a serialized sample " + json + " reads back as a different record: " + readBack);
            }
        } catch (JsonProcessingException e) {
            problems.add("a serialized sample " + json + " cannot be read back: " + e.getOriginalMessage());
        }
        return problems;
    }

    private static String describe(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return (location.isEmpty() ? "/" : location) + " " + message.getError();
    }

    private JsonNode readJson(SchemaFile file, List<String> problems) {
        try {
            JsonNode schema = mapper.readTree(file.content());
            if (!schema.isObject()) {
                problems.add("the schema must be a JSON object");
                return null;
            }
            return schema;
        } catch (JsonProcessingException e) {
            problems.add("not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static String location(String type, int revision) {
        return EventSchemaRepository.FOLDER + "/" + type + "/v" + revision + ".schema.json";
    }
}
