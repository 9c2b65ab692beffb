package io.orderflow.api.schema;

import static io.orderflow.api.schema.SchemaEdits.addOptionalString;
import static io.orderflow.api.schema.SchemaFolderFixture.evolved;
import static io.orderflow.api.schema.SchemaFolderFixture.realSchema;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema gate's check of coverage: every event record has a schema per revision, and every schema folder an
 * event record. Shown on a throw-away schema folder seeded from the real schemas; the real folder is checked by
 * {@link EventSchemaGateTest}.
 */
class SchemaGateCoverageTest {

    private static final String SCHEDULED = "ShipmentScheduledEvent";
    private static final List<Class<?>> EVENTS = List.of(ShipmentScheduledEvent.class);

    @TempDir
    Path folder;

    private SchemaFolderFixture schemas;

    @BeforeEach
    void emptyFolder() {
        schemas = new SchemaFolderFixture(folder);
    }

    @Test
    void reportsAnEventWithoutASchema() {
        assertThat(schemas.gate().checkCoverage(EVENTS)).singleElement().asString()
                .contains("ShipmentScheduledEvent (@Revision(\"1\")) has no schema")
                .contains("add schemas/ShipmentScheduledEvent/v1.schema.json");
    }

    @Test
    void acceptsAnEventWithTheSchemaOfItsRevision() {
        schemas.realSchemaOf(SCHEDULED);

        assertThat(schemas.gate().checkCoverage(EVENTS)).isEmpty();
    }

    @Test
    void reportsASchemaRevisionTheRecordHasNotReached() {
        schemas.realSchemaOf(SCHEDULED).schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> addOptionalString(s, "serviceLevel", "STANDARD")));

        assertThat(schemas.gate().checkCoverage(EVENTS)).singleElement().asString()
                .contains("has a schema for revision 2 but the record is at @Revision(\"1\")")
                .contains("bump @Revision");
    }

    @Test
    void reportsAMissingIntermediateRevision() {
        schemas.realSchemaOf(SCHEDULED).schema(SCHEDULED, 3, evolved(SCHEDULED, 3, s -> { }));

        assertThat(schemas.gate().checkCoverage(EVENTS))
                .anySatisfy(violation -> assertThat(violation).contains("lacks the schemas of revisions [2]"));
    }

    @Test
    void reportsASchemaFolderWhoseEventRecordIsGone() {
        schemas.realSchemaOf(SCHEDULED).schema("ShipmentBookedEvent", 1, realSchema(SCHEDULED, 1));

        assertThat(schemas.gate().checkCoverage(EVENTS)).singleElement().asString()
                .contains("schemas/ShipmentBookedEvent belongs to no @Revision event record")
                .contains("renaming an event type breaks every stored event of it");
    }

    @Test
    void reportsFilesOutsideTheLayout() {
        schemas.realSchemaOf(SCHEDULED).file(SCHEDULED + "/v2.json", "{}").file("notes.txt", "");

        assertThat(schemas.gate().checkCoverage(EVENTS)).containsExactlyInAnyOrder(
                "schemas/ShipmentScheduledEvent/v2.json: unexpected entry; name schema files v<revision>.schema.json",
                "schemas/notes.txt: unexpected file; schemas live in schemas/<EventSimpleName>/v<revision>.schema.json");
    }
}
