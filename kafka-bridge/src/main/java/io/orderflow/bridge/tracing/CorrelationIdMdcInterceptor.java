package io.orderflow.bridge.tracing;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the handled message's trace into the SLF4J MDC for as long as the message is handled, so that
 * every log line of a command handler, event handler or saga step carries it:
 * {@value #MDC_CORRELATION_ID} (see {@link TraceMetadata#correlationIdOf}) and, when present,
 * {@value #MDC_CAUSATION_ID}. The previous values are restored afterwards, also on failure.
 */
public class CorrelationIdMdcInterceptor implements MessageHandlerInterceptor<Message<?>> {

    /** MDC key of the correlation identifier, for example {@code %X{correlationId}} in a log pattern. */
    public static final String MDC_CORRELATION_ID = "correlationId";

    /** MDC key of the causation identifier. */
    public static final String MDC_CAUSATION_ID = "causationId";

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Message<?> message = unitOfWork.getMessage();
        String previousCorrelationId = MDC.get(MDC_CORRELATION_ID);
        String previousCausationId = MDC.get(MDC_CAUSATION_ID);
        MDC.put(MDC_CORRELATION_ID, TraceMetadata.correlationIdOf(message));
        TraceMetadata.causationIdOf(message).ifPresentOrElse(
                causationId -> MDC.put(MDC_CAUSATION_ID, causationId),
                () -> MDC.remove(MDC_CAUSATION_ID));
        try {
            return interceptorChain.proceed();
        } finally {
            restore(MDC_CORRELATION_ID, previousCorrelationId);
            restore(MDC_CAUSATION_ID, previousCausationId);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
