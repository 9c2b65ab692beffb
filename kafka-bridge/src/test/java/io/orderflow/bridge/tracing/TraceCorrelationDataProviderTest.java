package io.orderflow.bridge.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;

class TraceCorrelationDataProviderTest {

    private final TraceCorrelationDataProvider provider = new TraceCorrelationDataProvider();

    @Test
    void passesTheCallersCorrelationIdOnAndNamesTheHandledMessageAsCause() {
        Message<?> command = GenericCommandMessage.asCommandMessage("place order")
                .andMetaData(Map.of("correlationId", "request-42", "causationId", "http"));

        Map<String, Object> data = Map.copyOf(provider.correlationDataFor(command));

        assertThat(data).isEqualTo(Map.of(
                "correlationId", "request-42",
                "causationId", command.getIdentifier()));
    }

    @Test
    void startsANewChainWithTheFirstMessagesOwnIdentifier() {
        Message<?> event = GenericEventMessage.asEventMessage("something happened");

        Map<String, Object> data = Map.copyOf(provider.correlationDataFor(event));

        assertThat(data).isEqualTo(Map.of(
                "correlationId", event.getIdentifier(),
                "causationId", event.getIdentifier()));
    }
}
