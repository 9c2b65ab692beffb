package io.orderflow.api.schema;

import static io.orderflow.api.schema.SchemaEdits.addOptionalString;
import static io.orderflow.api.schema.SchemaEdits.property;
import static io.orderflow.api.schema.SchemaFolderFixture.evolved;
import static io.orderflow.api.schema.SchemaFolderFixture.realSchema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema gate's check of registration: registered revisions are immutable, new ones must be registered.
 * Shown on a throw-away schema folder seeded from the real schemas; the real folder is checked by
 * {@link EventSchemaGateTest}.
 */
class SchemaGateRegistrationTest {

    private static final String SCHEDULED = "ShipmentScheduledEvent";

    @TempDir
    Path folder;

    private SchemaFolderFixture schemas;

    @BeforeEach
    void emptyFolder() {
        schemas = new SchemaFolderFixture(folder);
    }

    @Test
    void acceptsRegisteredUnchangedRevisions() {
        schemas.realSchemaOf(SCHEDULED).registerAll();

        assertThat(schemas.gate().checkRegistration()).isEmpty();
    }

    @Test
    void reportsAnUnregisteredRevisionWithTheLineToAdd() {
        schemas.realSchemaOf(SCHEDULED);

        assertThat(schemas.gate().checkRegistration()).singleElement().asString()
                .startsWith("schemas/ShipmentScheduledEvent/v1.schema.json is not registered")
                .containsPattern("add the line \"ShipmentScheduledEvent/v1=[0-9a-f]{64}\" to schemas/revisions.lock");
    }

    @Test
    void reportsARegisteredRevisionEditedInPlace() {
        schemas.realSchemaOf(SCHEDULED).registerAll()
                .schema(SCHEDULED, 1, addOptionalString(realSchema(SCHEDULED, 1), "serviceLevel", "STANDARD"));

        assertThat(schemas.gate().checkRegistration()).singleElement().asString()
                .startsWith("schemas/ShipmentScheduledEvent/v1.schema.json changed after it was registered")
                .contains("a registered revision is immutable")
                .contains("schemas/ShipmentScheduledEvent/v2.schema.json instead");
    }

    @Test
    void allowsRewordingTheProseOfARegisteredRevision() {
        ObjectNode reworded = realSchema(SCHEDULED, 1);
        reworded.put("description", "The carrier confirmed the booking.");
        property(reworded, "carrier").put("description", "For example DHL.");
        schemas.realSchemaOf(SCHEDULED).registerAll().schema(SCHEDULED, 1, reworded);

        assertThat(schemas.gate().checkRegistration()).isEmpty();
    }

    @Test
    void reportsARegisteredRevisionWhoseFileIsGone() {
        schemas.realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> addOptionalString(s, "serviceLevel", "STANDARD")))
                .registerAll()
                .delete(SCHEDULED + "/v1.schema.json");

        assertThat(schemas.gate().checkRegistration()).singleElement().asString()
                .isEqualTo("revisions.lock registers ShipmentScheduledEvent/v1 but its schema file is missing: "
                        + "a registered revision must stay, stored events of it are upcast from it");
    }
}
