package io.orderflow.api.schema;

import static io.orderflow.api.schema.SchemaEdits.addOptionalString;
import static io.orderflow.api.schema.SchemaEdits.addRequiredString;
import static io.orderflow.api.schema.SchemaEdits.property;
import static io.orderflow.api.schema.SchemaEdits.removeProperty;
import static io.orderflow.api.schema.SchemaEdits.renameProperty;
import static io.orderflow.api.schema.SchemaFolderFixture.realSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The compatibility rules the gate applies between two revisions, shown on the real schema of
 * {@code ShipmentScheduledEvent} (shipmentId, orderId, carrier, trackingNumber). Every schema is a closed content
 * model ({@code "additionalProperties": false}), which is what makes a removed or renamed field a breaking change.
 */
class SchemaCompatibilityCheckerTest {

    private static final String EVENT = "ShipmentScheduledEvent";

    private final SchemaCompatibilityChecker checker = new SchemaCompatibilityChecker();

    @Test
    void rejectsARemovedFieldUnderBackward() {
        CompatibilityVerdict verdict = check(CompatibilityMode.BACKWARD, v1(), removeProperty(v1(), "trackingNumber"));

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe())
                .contains("not BACKWARD compatible")
                .contains("readers of the new revision must be able to read events written with the previous one")
                .contains("OBJECT_TYPE_PROPERTY_SCHEMAS_NARROWED")
                .contains("removed 'trackingNumber'");
    }

    @Test
    void rejectsARenamedFieldUnderBackward() {
        CompatibilityVerdict verdict = check(CompatibilityMode.BACKWARD, v1(), renameProperty(v1(), "carrier", "carrierName"));

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe())
                .contains("removed 'carrier'")
                .contains("added required 'carrierName'")
                .contains("OBJECT_TYPE_REQUIRED_PROPERTIES_MEMBER_ADDED at /required");
    }

    @Test
    void rejectsAFieldRenamedInsideANestedIdentifierUnderBackward() {
        ObjectNode renamed = v1();
        renameProperty(property(renamed, "orderId"), "value", "uuid");

        CompatibilityVerdict verdict = check(CompatibilityMode.BACKWARD, v1(), renamed);

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe()).contains("removed 'orderId.value'").contains("added required 'orderId.uuid'");
    }

    @Test
    void rejectsANewRequiredFieldUnderBackward() {
        CompatibilityVerdict verdict = check(CompatibilityMode.BACKWARD, v1(), addRequiredString(v1(), "serviceLevel"));

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe()).contains("added required 'serviceLevel'");
    }

    @Test
    void rejectsAChangedFieldTypeUnderBackward() {
        ObjectNode retyped = v1();
        property(retyped, "trackingNumber").put("type", "integer");

        CompatibilityVerdict verdict = check(CompatibilityMode.BACKWARD, v1(), retyped);

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe()).contains("SUBSCHEMA_TYPE_CHANGED at /properties/trackingNumber");
    }

    @Test
    void acceptsANewOptionalFieldWithADefaultUnderBackward() {
        CompatibilityVerdict verdict = check(CompatibilityMode.BACKWARD, v1(), withServiceLevel());

        assertThat(verdict.compatible()).as(verdict.describe()).isTrue();
        assertThat(verdict.propertyChanges()).containsExactly("added optional 'serviceLevel'");
    }

    @Test
    void acceptsANewEnumConstantUnderBackwardButNotUnderForward() {
        ObjectNode previous = realSchema("OrderCancellationRequestedEvent", 1);
        ObjectNode proposed = realSchema("OrderCancellationRequestedEvent", 1);
        ((ArrayNode) property(proposed, "requestedBy").get("enum")).add("FRAUD_SUSPECTED");

        assertThat(check(CompatibilityMode.BACKWARD, previous, proposed).compatible()).isTrue();
        assertThat(check(CompatibilityMode.FORWARD, previous, proposed).compatible()).isFalse();
    }

    @Test
    void rejectsANewOptionalFieldUnderForwardBecauseOldReadersAreClosed() {
        CompatibilityVerdict verdict = check(CompatibilityMode.FORWARD, v1(), withServiceLevel());

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe())
                .contains("not FORWARD compatible")
                .contains("readers of the previous revision must be able to read events written with the new one");
    }

    @Test
    void acceptsDroppingAnOptionalFieldUnderForwardButNotUnderBackward() {
        ObjectNode withOptional = withServiceLevel();

        assertThat(check(CompatibilityMode.FORWARD, withOptional, v1()).compatible()).isTrue();
        assertThat(check(CompatibilityMode.BACKWARD, withOptional, v1()).compatible()).isFalse();
    }

    @Test
    void rejectsUnderFullWhatEitherDirectionRejects() {
        assertThat(check(CompatibilityMode.FULL, v1(), withServiceLevel()).describe())
                .contains("not FULL compatible");
        assertThat(check(CompatibilityMode.FULL, v1(), removeProperty(v1(), "trackingNumber")).compatible()).isFalse();
        assertThat(check(CompatibilityMode.FULL, withServiceLevel(), v1()).compatible()).isFalse();
    }

    @Test
    void acceptsAChangeOfProseUnderFull() {
        ObjectNode reworded = v1();
        reworded.put("description", "The carrier confirmed the booking of the shipment.");
        property(reworded, "carrier").put("description", "The carrier's name, for example DHL.");

        assertThat(check(CompatibilityMode.FULL, v1(), reworded).compatible()).isTrue();
    }

    @Test
    void acceptsEvenARemovedFieldUnderNone() {
        assertThat(check(CompatibilityMode.NONE, v1(), removeProperty(v1(), "trackingNumber")).compatible()).isTrue();
    }

    @Test
    void reportsAnUnreadableSchemaAsIncompatibleInsteadOfThrowing() {
        CompatibilityVerdict verdict = checker.check(CompatibilityMode.BACKWARD, v1().toString(), "{\"type\": ");

        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.describe()).contains("schema is not valid JSON");
    }

    @Test
    void parsesModeNamesIgnoringCaseAndBlanks() {
        assertThat(CompatibilityMode.parse(" full ")).isEqualTo(CompatibilityMode.FULL);
    }

    @Test
    void rejectsAnUnknownModeNamingTheAllowedOnes() {
        assertThatThrownBy(() -> CompatibilityMode.parse("BACKWARDS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'BACKWARDS'")
                .hasMessageContaining("BACKWARD, FORWARD, FULL, NONE");
    }

    private CompatibilityVerdict check(CompatibilityMode mode, ObjectNode previous, ObjectNode proposed) {
        return checker.check(mode, previous.toString(), proposed.toString());
    }

    private static ObjectNode withServiceLevel() {
        return addOptionalString(v1(), "serviceLevel", "STANDARD");
    }

    private static ObjectNode v1() {
        return realSchema(EVENT, 1);
    }
}
