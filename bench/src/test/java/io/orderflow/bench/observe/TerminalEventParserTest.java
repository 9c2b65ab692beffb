package io.orderflow.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.order.OrderStatus;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TerminalEventParserTest {

    private static final String ORDER = "6f1c1b9e-3d7a-4f25-9a51-2b8f3a7c9d10";
    private final TerminalEventParser parser = new TerminalEventParser(new ObjectMapper());

    @Test
    void readsACompletedOrderFromTheEventTypeHeaderAndTheKey() {
        RecordHeaders headers = headers("event-type", "OrderCompletedEvent");

        assertThat(parser.parse(ORDER, headers, json("{\"orderId\":{\"value\":\"" + ORDER + "\"}}")))
                .contains(new TerminalEventParser.Observation(ORDER, Outcome.completed()));
    }

    @Test
    void readsTheReasonOfACancellation() {
        RecordHeaders headers = headers("event-type", "OrderCancelledEvent");
        byte[] value = json("{\"orderId\":{\"value\":\"" + ORDER + "\"},"
                + "\"reason\":{\"code\":\"PAYMENT_DECLINED\",\"detail\":\"insufficient funds\"}}");

        assertThat(parser.parse(ORDER, headers, value)).hasValueSatisfying(observation -> {
            assertThat(observation.outcome().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(observation.outcome().label()).isEqualTo("CANCELLED:PAYMENT_DECLINED");
        });
    }

    @Test
    void takesTheOrderIdFromThePayloadWhenTheRecordHasNoKey() {
        RecordHeaders headers = headers("event-type", "OrderRejectedEvent");
        byte[] value = json("{\"orderId\":{\"value\":\"" + ORDER + "\"},\"reason\":{\"code\":\"OUT_OF_STOCK\",\"detail\":\"\"}}");

        assertThat(parser.parse(null, headers, value)).hasValueSatisfying(observation -> {
            assertThat(observation.orderId()).isEqualTo(ORDER);
            assertThat(observation.outcome().label()).isEqualTo("REJECTED:OUT_OF_STOCK");
        });
    }

    @Test
    void fallsBackToTheAxonMessageTypeHeader() {
        RecordHeaders headers = headers("axon-message-type", "io.orderflow.api.order.OrderCompletedEvent");

        assertThat(parser.parse(ORDER, headers, json("{}"))).isPresent();
    }

    @Test
    void ignoresEventsThatDoNotEndAnOrder() {
        assertThat(parser.parse(ORDER, headers("event-type", "OrderPlacedEvent"), json("{}"))).isEmpty();
        assertThat(parser.parse(ORDER, headers("event-type", "StockReservedEvent"), json("{}"))).isEmpty();
        assertThat(parser.parse(ORDER, new RecordHeaders(), json("{}"))).isEmpty();
    }

    @Test
    void stillCountsATerminalEventWhosePayloadIsNotJson() {
        RecordHeaders headers = headers("event-type", "OrderCancelledEvent");

        assertThat(parser.parse(ORDER, headers, "<xml/>".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(observation -> assertThat(observation.outcome().label()).isEqualTo("CANCELLED"));
    }

    private static RecordHeaders headers(String name, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
