package io.orderflow.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.ReserveStockCommand;
import io.orderflow.api.inventory.StockReservedEvent;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.payment.PaymentAuthorizedEvent;
import io.orderflow.api.shipping.ShipmentScheduledEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema gate over the real event records and the real schema folder: any failure here means an event changed
 * without its schema, a schema changed without a new revision, or a new revision breaks its compatibility mode.
 * The messages say what to do; {@code schemas/README.md} says why.
 */
class EventSchemaGateTest {

    private static final EventCatalogue CATALOGUE = EventCatalogue.scan();
    private static final List<Class<?>> EVENTS = CATALOGUE.revisionedEvents();
    private final SchemaGate gate = new SchemaGate(EventSchemaRepository.ofCoreApi());

    @Test
    void findsThePublishedEventRecordsAndNothingElse() {
        assertThat(EVENTS)
                .contains(OrderPlacedEvent.class, StockReservedEvent.class, PaymentAuthorizedEvent.class,
                        ShipmentScheduledEvent.class)
                .doesNotContain(ReserveStockCommand.class)
                .allSatisfy(event -> assertThat(event.getSimpleName()).endsWith("Event"));
    }

    @Test
    void everyEventRecordCarriesARevision() {
        assertThat(CATALOGUE.eventsWithoutRevision())
                .as("event records without @Revision (STYLE.md #7: every event has @Revision from day one)")
                .isEmpty();
    }

    @Test
    void everyEventHasASchemaForEachOfItsRevisions() {
        assertPasses(gate.checkCoverage(EVENTS));
    }

    @Test
    void currentSchemasDescribeWhatTheRecordsSerializeTo() {
        assertPasses(gate.checkConformance(EVENTS));
    }

    @Test
    void everyRevisionIsCompatibleWithThePreviousOneUnderItsMode() {
        assertPasses(gate.checkEvolution());
    }

    @Test
    void registeredRevisionsAreUnchanged() {
        assertPasses(gate.checkRegistration());
    }

    @Test
    void compatibilitySettingsNameKnownModesAndEventTypes() {
        assertPasses(gate.checkConfiguration(EVENTS));
    }

    private static void assertPasses(List<String> violations) {
        assertThat(violations)
                .withFailMessage(() -> "The event-schema gate failed (see core-api/src/main/resources/schemas/README.md):\n - "
                        + String.join("\n - ", violations))
                .isEmpty();
    }
}
