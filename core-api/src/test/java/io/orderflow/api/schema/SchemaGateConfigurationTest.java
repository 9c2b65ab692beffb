package io.orderflow.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema gate's check of configuration: {@code compatibility.properties} names known modes and event types
 * only. Shown on a throw-away schema folder seeded from the real schemas; the real folder is checked by
 * {@link EventSchemaGateTest}.
 */
class SchemaGateConfigurationTest {

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
    void reportsAnUnknownMode() {
        schemas.compatibility("default=BACKWARDS");

        assertThat(schemas.gate().checkConfiguration(EVENTS)).singleElement().asString()
                .isEqualTo("compatibility.properties: default: unknown compatibility mode 'BACKWARDS', "
                        + "expected one of BACKWARD, FORWARD, FULL, NONE");
    }

    @Test
    void reportsAModeForAnUnknownEventType() {
        schemas.compatibility("ShipmentBookedEvent=FULL");

        assertThat(schemas.gate().checkConfiguration(EVENTS)).singleElement().asString()
                .isEqualTo("compatibility.properties sets a mode for ShipmentBookedEvent, which is no @Revision event record");
    }
}
