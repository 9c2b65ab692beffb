package io.orderflow.bridge.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationIdMdcInterceptorTest {

    private final CorrelationIdMdcInterceptor interceptor = new CorrelationIdMdcInterceptor();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void logsTheMessagesCorrelationIdWhileItIsHandledAndRestoresTheCallersAfterwards() throws Exception {
        MDC.put("correlationId", "outer");
        Message<?> event = GenericEventMessage.asEventMessage("stock reserved")
                .andMetaData(Map.of("correlationId", "request-42", "causationId", "command-7"));
        AtomicReference<String> correlationWhileHandling = new AtomicReference<>();
        AtomicReference<String> causationWhileHandling = new AtomicReference<>();
        UnitOfWork<Message<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            Object result = interceptor.handle(unitOfWork, () -> {
                correlationWhileHandling.set(MDC.get("correlationId"));
                causationWhileHandling.set(MDC.get("causationId"));
                return "handled";
            });
            assertThat(result).isEqualTo("handled");
        } finally {
            unitOfWork.commit();
        }

        assertThat(correlationWhileHandling).hasValue("request-42");
        assertThat(causationWhileHandling).hasValue("command-7");
        assertThat(MDC.get("correlationId")).isEqualTo("outer");
        assertThat(MDC.get("causationId")).isNull();
    }

    @Test
    void usesTheMessageIdentifierForTheFirstMessageOfAChainAndCleansUpWhenTheHandlerFails() {
        Message<?> event = GenericEventMessage.asEventMessage("order placed");
        AtomicReference<String> correlationWhileHandling = new AtomicReference<>();
        UnitOfWork<Message<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);

        assertThatThrownBy(() -> interceptor.handle(unitOfWork, () -> {
            correlationWhileHandling.set(MDC.get("correlationId"));
            throw new IllegalStateException("handler failed");
        })).hasMessage("handler failed");
        unitOfWork.rollback();

        assertThat(correlationWhileHandling).hasValue(event.getIdentifier());
        assertThat(MDC.get("correlationId")).isNull();
    }
}
