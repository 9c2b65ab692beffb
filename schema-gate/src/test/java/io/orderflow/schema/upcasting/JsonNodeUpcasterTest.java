package io.orderflow.schema.upcasting;

import static io.orderflow.schema.upcasting.StoredEvents.payload;
import static io.orderflow.schema.upcasting.StoredEvents.stored;
import static io.orderflow.schema.upcasting.StoredEvents.upcast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.api.order.OrderCompletedEvent;
import java.util.List;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** The contract of the upcaster base class: what it matches, what it produces, what it refuses. */
class JsonNodeUpcasterTest {

    private static final String TYPE = OrderCompletedEvent.class.getName();
    private static final String STORED = "{\"orderId\":{\"value\":\"0b6f3c8e-2d4a-4f1b-9e7c-5a8d2b1c3e4f\"}}";

    private final Serializer serializer = StoredEvents.serializer(StoredEvents.applicationMapper());

    @Test
    void upcastsOnlyItsOwnTypeAtItsSourceRevision() {
        EventUpcasterChain chain = new EventUpcasterChain(new MarkingUpcaster(TYPE, 1, 2));

        IntermediateEventRepresentation matching = single(upcast(chain, serializer, storedAs(TYPE, "1")));
        IntermediateEventRepresentation otherRevision = single(upcast(chain, serializer, storedAs(TYPE, "2")));
        IntermediateEventRepresentation otherType = single(upcast(chain, serializer, storedAs("io.orderflow.Other", "1")));

        assertThat(matching.getType().getRevision()).isEqualTo("2");
        assertThat(payload(matching).path("upcast").asBoolean()).isTrue();
        assertThat(payload(otherRevision).has("upcast")).isFalse();
        assertThat(payload(otherType).has("upcast")).isFalse();
    }

    @Test
    void canCarryAPayloadToARenamedType() {
        String oldName = "io.orderflow.order.OrderFinishedEvent";
        EventUpcasterChain chain = new EventUpcasterChain(new MarkingUpcaster(oldName, 3, TYPE, 1));

        IntermediateEventRepresentation result = single(upcast(chain, serializer, storedAs(oldName, "3")));

        assertThat(result.getType().getName()).isEqualTo(TYPE);
        assertThat(result.getType().getRevision()).isEqualTo("1");
    }

    @Test
    void refusesAnUpcasterThatDoesNotRaiseTheRevision() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MarkingUpcaster(TYPE, 2, 2))
                .withMessage("an upcaster must raise the revision of " + TYPE + ": 2 -> 2");
        assertThatIllegalArgumentException().isThrownBy(() -> new MarkingUpcaster(TYPE, 2, 1));
    }

    @Test
    void refusesRevisionsBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MarkingUpcaster(TYPE, 0, 1))
                .withMessage("revisions are 1, 2, 3, ...: 0 -> 1");
    }

    @Test
    void refusesAPayloadThatIsNoJsonObject() {
        EventUpcasterChain chain = new EventUpcasterChain(new MarkingUpcaster(TYPE, 1, 2));
        IntermediateEventRepresentation result = single(upcast(chain, serializer, stored(serializer, TYPE, "1", "[1, 2]")));

        assertThatThrownBy(() -> payload(result))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expects a JSON object payload, got ARRAY");
    }

    @Test
    void namesItsTypesAndRevisions() {
        assertThat(new MarkingUpcaster(TYPE, 1, 2)).hasToString(
                "MarkingUpcaster[" + TYPE + " revision 1 -> " + TYPE + " revision 2]");
    }

    private TrackedDomainEventData<byte[]> storedAs(String payloadType, String revision) {
        return stored(serializer, payloadType, revision, STORED);
    }

    private static IntermediateEventRepresentation single(List<IntermediateEventRepresentation> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    /** Adds {@code "upcast": true} to the payload. */
    private static final class MarkingUpcaster extends JsonNodeUpcaster {

        MarkingUpcaster(String type, int from, int to) {
            super(type, from, type, to);
        }

        MarkingUpcaster(String type, int from, String targetType, int to) {
            super(type, from, targetType, to);
        }

        @Override
        protected ObjectNode upcast(ObjectNode payload) {
            return payload.put("upcast", true);
        }
    }
}
