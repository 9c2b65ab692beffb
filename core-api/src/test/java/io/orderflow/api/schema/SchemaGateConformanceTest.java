package io.orderflow.api.schema;

import static io.orderflow.api.schema.SchemaEdits.property;
import static io.orderflow.api.schema.SchemaEdits.removeProperty;
import static io.orderflow.api.schema.SchemaEdits.renameProperty;
import static io.orderflow.api.schema.SchemaFolderFixture.realSchema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.api.order.OrderCancellationRequestedEvent;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.shipping.ShipmentFailedEvent;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema gate's check of conformance: the schema of the current revision describes what the record
 * serializes to. Shown on a throw-away schema folder seeded from the real schemas; the real folder is checked by
 * {@link EventSchemaGateTest}.
 */
class SchemaGateConformanceTest {

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
    void acceptsTheRealSchemaOfAnUnchangedRecord() {
        schemas.realSchemaOf(SCHEDULED);

        assertThat(schemas.gate().checkConformance(EVENTS)).isEmpty();
    }

    @Test
    void reportsARecordChangedWithoutItsSchema() {
        schemas.realSchemaOf(SCHEDULED);

        assertThat(schemas.gate().checkConformance(List.of(ChangedRecord.ShipmentScheduledEvent.class)))
                .anySatisfy(violation -> assertThat(violation)
                        .isEqualTo("schemas/ShipmentScheduledEvent/v1.schema.json does not describe ShipmentScheduledEvent: "
                                + "'serviceLevel' is serialized by the record but missing from the schema"))
                .anySatisfy(violation -> assertThat(violation)
                        .contains("is rejected: / property 'serviceLevel' is not defined in the schema"));
    }

    @Test
    void reportsAFieldTheRecordSerializesButTheSchemaLacks() {
        schemas.schema(SCHEDULED, 1, removeProperty(realSchema(SCHEDULED, 1), "trackingNumber"));

        assertThat(schemas.gate().checkConformance(EVENTS))
                .anySatisfy(violation -> assertThat(violation)
                        .startsWith("schemas/ShipmentScheduledEvent/v1.schema.json does not describe ShipmentScheduledEvent")
                        .endsWith("'trackingNumber' is serialized by the record but missing from the schema"));
    }

    @Test
    void reportsAFieldTheSchemaDeclaresButTheRecordDoesNotSerialize() {
        schemas.schema(SCHEDULED, 1, renameProperty(realSchema(SCHEDULED, 1), "carrier", "carrierName"));

        assertThat(schemas.gate().checkConformance(EVENTS))
                .anySatisfy(violation -> assertThat(violation)
                        .endsWith("'carrier' is serialized by the record but missing from the schema"))
                .anySatisfy(violation -> assertThat(violation)
                        .endsWith("'carrierName' is declared by the schema but the record does not serialize it"));
    }

    @Test
    void reportsATypeTheRecordDoesNotSerialize() {
        ObjectNode schema = realSchema("ShipmentFailedEvent", 1);
        property(schema, "attempts").put("type", "string");
        schemas.schema("ShipmentFailedEvent", 1, schema);

        assertThat(schemas.gate().checkConformance(List.of(ShipmentFailedEvent.class)))
                .anySatisfy(violation -> assertThat(violation)
                        .endsWith("'attempts' is serialized as [\"integer\"] but the schema declares [\"string\"]"))
                .anySatisfy(violation -> assertThat(violation).contains("is rejected").contains("attempts"));
    }

    @Test
    void reportsEnumConstantsThatDifferFromTheRecords() {
        ObjectNode schema = realSchema("OrderCancellationRequestedEvent", 1);
        ((ArrayNode) property(schema, "requestedBy").get("enum")).remove(0);
        schemas.schema("OrderCancellationRequestedEvent", 1, schema);

        assertThat(schemas.gate().checkConformance(List.of(OrderCancellationRequestedEvent.class)))
                .anySatisfy(violation -> assertThat(violation)
                        .contains("'requestedBy' has the constants [\"CUSTOMER_CANCELLED\"")
                        .contains("but the schema allows"));
    }

    @Test
    void reportsAnObjectLeftOpen() {
        ObjectNode schema = realSchema(SCHEDULED, 1);
        property(schema, "orderId").remove("additionalProperties");
        schemas.schema(SCHEDULED, 1, schema);

        assertThat(schemas.gate().checkConformance(EVENTS)).singleElement().asString()
                .endsWith("'orderId' must be a closed object (\"additionalProperties\": false), like every record");
    }

    @Test
    void reportsAConstraintThatRejectsWhatTheRecordWrites() {
        ObjectNode schema = realSchema(SCHEDULED, 1);
        property(schema, "carrier").put("pattern", "^[a-z]+$");
        schemas.schema(SCHEDULED, 1, schema);

        assertThat(schemas.gate().checkConformance(EVENTS)).singleElement().asString()
                .contains("a serialized sample {\"shipmentId\":{\"value\":")
                .contains("is rejected: /carrier does not match the regex pattern ^[a-z]+$");
    }

    @Test
    void reportsAnIdCopiedFromAnotherRevisionOrType() {
        ObjectNode schema = realSchema(SCHEDULED, 1);
        schema.put("$id", SchemaGate.schemaId("OrderPlacedEvent", 1));
        schemas.schema(SCHEDULED, 1, schema);

        assertThat(schemas.gate().checkConformance(EVENTS)).singleElement().asString()
                .endsWith("\"$id\" must be \"urn:orderflow:event:ShipmentScheduledEvent:1\" (copied from another revision?)");
    }

    @Test
    void reportsARequiredNameThatIsNoProperty() {
        ObjectNode schema = realSchema(SCHEDULED, 1);
        schema.withArray("required").add("carrierName");
        schemas.schema(SCHEDULED, 1, schema);

        assertThat(schemas.gate().checkConformance(EVENTS))
                .anySatisfy(violation -> assertThat(violation)
                        .endsWith("'carrierName' is required but not declared in \"properties\""));
    }

    /** {@code ShipmentScheduledEvent} as a developer might change it: a new component, but no new schema. */
    static final class ChangedRecord {

        @Revision("1")
        record ShipmentScheduledEvent(ShipmentId shipmentId, OrderId orderId, String carrier, String trackingNumber,
                                      String serviceLevel) {
        }

        private ChangedRecord() {
        }
    }
}
