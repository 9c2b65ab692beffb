package io.orderflow.schema.upcasting.example;

import static io.orderflow.schema.upcasting.StoredEvents.golden;
import static io.orderflow.schema.upcasting.StoredEvents.payload;
import static io.orderflow.schema.upcasting.StoredEvents.read;
import static io.orderflow.schema.upcasting.StoredEvents.stored;
import static io.orderflow.schema.upcasting.StoredEvents.upcast;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderflow.api.common.Money;
import io.orderflow.api.order.OrderId;
import io.orderflow.schema.upcasting.StoredEvents;
import io.orderflow.schema.upcasting.UpcasterChains;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * The upcasting infrastructure end to end, on the test-only {@link CarrierBookedEvent}: stored payloads of each old
 * revision (golden JSON) become the golden JSON of the next revision and finally the current record, through the
 * same Axon path the event store and the tracking processors take.
 */
class CarrierBookedEventUpcastingTest {

    private static final String TYPE = CarrierBookedEvent.class.getName();
    private static final CarrierBookedEvent CURRENT = new CarrierBookedEvent(
            OrderId.of(StoredEvents.AGGREGATE_ID), "DHL", 1, Money.of("12.50", "EUR"));

    private final Serializer serializer = StoredEvents.serializer(StoredEvents.applicationMapper());
    private final EventUpcasterChain chain = UpcasterChains.checked(
            List.of(new CarrierBookedEvent1To2Upcaster(), new CarrierBookedEvent2To3Upcaster()));

    @Test
    void stepOneTurnsGoldenRevision1IntoGoldenRevision2() throws Exception {
        EventUpcasterChain stepOne = new EventUpcasterChain(new CarrierBookedEvent1To2Upcaster());

        IntermediateEventRepresentation result = single(upcast(stepOne, serializer, storedRevision(1)));

        assertThat(result.getType().getRevision()).isEqualTo("2");
        JSONAssert.assertEquals(goldenRevision(2), payload(result).toString(), JSONCompareMode.STRICT);
    }

    @Test
    void stepTwoTurnsGoldenRevision2IntoGoldenRevision3() throws Exception {
        EventUpcasterChain stepTwo = new EventUpcasterChain(new CarrierBookedEvent2To3Upcaster());

        IntermediateEventRepresentation result = single(upcast(stepTwo, serializer, storedRevision(2)));

        assertThat(result.getType().getRevision()).isEqualTo("3");
        JSONAssert.assertEquals(goldenRevision(3), payload(result).toString(), JSONCompareMode.STRICT);
    }

    @Test
    void theChainCarriesGoldenRevision1AllTheWayToTheCurrentRevision() throws Exception {
        IntermediateEventRepresentation result = single(upcast(chain, serializer, storedRevision(1)));

        assertThat(result.getType().getName()).isEqualTo(TYPE);
        assertThat(result.getType().getRevision()).isEqualTo("3");
        JSONAssert.assertEquals(goldenRevision(3), payload(result).toString(), JSONCompareMode.STRICT);
    }

    @Test
    void leavesAnEventOfTheCurrentRevisionAsItWasStored() throws Exception {
        IntermediateEventRepresentation result = single(upcast(chain, serializer, storedRevision(3)));

        assertThat(result.getType().getRevision()).isEqualTo("3");
        JSONAssert.assertEquals(goldenRevision(3), payload(result).toString(), JSONCompareMode.STRICT);
    }

    @Test
    void readsEveryStoredRevisionAsTheCurrentRecord() {
        for (int revision = 1; revision <= 3; revision++) {
            TrackedEventMessage<?> message = single(read(chain, serializer, storedRevision(revision)));

            assertThat(message.getPayload()).as("stored revision %d", revision).isEqualTo(CURRENT);
        }
    }

    @Test
    void keepsTheIdentityTimestampAndMetadataOfTheStoredEvent() {
        TrackedEventMessage<?> message = single(read(chain, serializer, storedRevision(1)));

        assertThat(message.getIdentifier()).isEqualTo(StoredEvents.EVENT_ID);
        assertThat(message.getTimestamp()).isEqualTo(StoredEvents.TIMESTAMP);
        assertThat(message.getMetaData()).isEqualTo(StoredEvents.META_DATA);
        assertThat(message).isInstanceOf(DomainEventMessage.class);
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) message;
        assertThat(domainEvent.getAggregateIdentifier()).isEqualTo(StoredEvents.AGGREGATE_ID);
        assertThat(domainEvent.getSequenceNumber()).isEqualTo(StoredEvents.SEQUENCE);
    }

    @Test
    void withoutExactDecimalsAnUpcastAmountNoLongerEqualsTheStoredOne() {
        ObjectMapper jacksonDefaults = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        Serializer naive = StoredEvents.serializer(jacksonDefaults);

        TrackedDomainEventData<byte[]> stored = stored(naive, TYPE, "1", goldenRevision(1));

        CarrierBookedEvent upcast = (CarrierBookedEvent) single(read(chain, naive, stored)).getPayload();

        assertThat(upcast.price().amount()).isEqualByComparingTo("12.50");
        assertThat(upcast.price()).as("12.5 EUR is not Money.equals 12.50 EUR").isNotEqualTo(CURRENT.price());
    }

    private TrackedDomainEventData<byte[]> storedRevision(int revision) {
        return stored(serializer, TYPE, String.valueOf(revision), goldenRevision(revision));
    }

    private static String goldenRevision(int revision) {
        return golden("upcasting/CarrierBookedEvent/v" + revision + ".json");
    }

    private static <T> T single(List<T> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
