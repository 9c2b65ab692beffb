package io.orderflow.api.schema;

import static io.orderflow.api.schema.SchemaEdits.addOptionalString;
import static io.orderflow.api.schema.SchemaEdits.removeProperty;
import static io.orderflow.api.schema.SchemaEdits.renameProperty;
import static io.orderflow.api.schema.SchemaFolderFixture.evolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema gate's check of evolution: every revision is compatible with the previous one under its event
 * type's mode. Shown on a throw-away schema folder seeded from the real schemas; the real folder is checked by
 * {@link EventSchemaGateTest}.
 */
class SchemaGateEvolutionTest {

    private static final String SCHEDULED = "ShipmentScheduledEvent";

    @TempDir
    Path folder;

    private SchemaFolderFixture schemas;

    @BeforeEach
    void emptyFolder() {
        schemas = new SchemaFolderFixture(folder);
    }

    @Test
    void rejectsARevisionThatRenamesAField() {
        schemas.realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> renameProperty(s, "carrier", "carrierName")));

        assertThat(schemas.gate().checkEvolution()).singleElement().asString()
                .startsWith("ShipmentScheduledEvent revision 1 -> 2 (schemas/ShipmentScheduledEvent/v2.schema.json) "
                        + "is not BACKWARD compatible")
                .contains("removed 'carrier'; added required 'carrierName'");
    }

    @Test
    void rejectsARevisionThatRemovesAField() {
        schemas.realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> removeProperty(s, "trackingNumber")));

        assertThat(schemas.gate().checkEvolution()).singleElement().asString()
                .contains("not BACKWARD compatible")
                .contains("removed 'trackingNumber'");
    }

    @Test
    void acceptsARevisionThatAddsAnOptionalFieldWithADefault() {
        schemas.realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> addOptionalString(s, "serviceLevel", "STANDARD")));

        assertThat(schemas.gate().checkEvolution()).isEmpty();
    }

    @Test
    void checksEachEventTypeUnderItsOwnMode() {
        schemas.compatibility("default=BACKWARD", "ShipmentScheduledEvent=FORWARD")
                .realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> addOptionalString(s, "serviceLevel", "STANDARD")))
                .realSchemaOf("ShipmentCancelledEvent")
                .schema("ShipmentCancelledEvent", 2, evolved("ShipmentCancelledEvent", 2, s -> addOptionalString(s, "note", "")));

        assertThat(schemas.gate().checkEvolution()).singleElement().asString()
                .startsWith("ShipmentScheduledEvent revision 1 -> 2")
                .contains("not FORWARD compatible");
    }

    @Test
    void appliesTheConfiguredDefaultMode() {
        schemas.compatibility("default=FULL")
                .realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> addOptionalString(s, "serviceLevel", "STANDARD")));

        assertThat(schemas.gate().checkEvolution()).singleElement().asString().contains("not FULL compatible");
    }

    @Test
    void checksEveryStepNotOnlyTheNewest() {
        schemas.realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> removeProperty(s, "trackingNumber")))
                .schema(SCHEDULED, 3, evolved(SCHEDULED, 3, s -> removeProperty(s, "trackingNumber")));

        assertThat(schemas.gate().checkEvolution()).singleElement().asString().startsWith("ShipmentScheduledEvent revision 1 -> 2");
    }

    @Test
    void letsAnyChangeThroughForModeNone() {
        schemas.compatibility("ShipmentScheduledEvent=NONE")
                .realSchemaOf(SCHEDULED)
                .schema(SCHEDULED, 2, evolved(SCHEDULED, 2, s -> removeProperty(s, "trackingNumber")));

        assertThat(schemas.gate().checkEvolution()).isEmpty();
    }
}
