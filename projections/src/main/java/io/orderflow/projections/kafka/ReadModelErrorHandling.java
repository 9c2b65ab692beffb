package io.orderflow.projections.kafka;

import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * What happens to a record whose update fails: retries with exponential back-off (the container seeks
 * back, so the records behind it on the partition wait and stay in order), then the dead-letter topic
 * of the consumer group, and consumption continues behind it. Unreadable records
 * ({@link UnreadableEventException}, {@link DeserializationException}, {@link IllegalArgumentException}
 * from a malformed payload, and spring-kafka's other default non-retryable exceptions) go to the
 * dead-letter topic at once.
 *
 * <p>The dead letter keeps the original key, value and headers and gains spring-kafka's
 * {@code kafka_dlt-*} headers (exception class, root cause class, message and stack trace, original
 * topic, partition, offset, timestamp and consumer group) plus {@code orderflow-dlt-exception-fqcn} and
 * {@code orderflow-dlt-exception-message}: the class and message of the exception the listener threw,
 * which spring-kafka's headers hide behind its {@code ListenerExecutionFailedException} wrapper and
 * the root cause. The offset of a dead-lettered record is committed (the container acknowledges it
 * after the error handler) only once the dead-letter topic has acknowledged the dead letter; if
 * publishing fails, the record is retried.
 */
final class ReadModelErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelErrorHandling.class);

    private ReadModelErrorHandling() {
    }

    /**
     * The error handler of one read model's listener container.
     *
     * @param recoverer where a record goes when retrying is over
     * @param retry     the back-off
     */
    static DefaultErrorHandler errorHandler(ConsumerAwareRecordRecoverer recoverer, KafkaFeedProperties.Retry retry) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableEventException.class, IllegalArgumentException.class);
        return handler;
    }

    /**
     * Publishes a failed record to {@code deadLetterTopic}, on the partition it came from (spring-kafka
     * lets the producer choose when the dead-letter topic has fewer partitions), waits for the
     * acknowledgement, and counts it.
     *
     * @param template        the producer
     * @param deadLetterTopic the consumer group's dead-letter topic
     * @param sendTimeout     how long to wait for the acknowledgement
     * @param deadLetters     counts dead letters
     */
    static ConsumerAwareRecordRecoverer deadLetterRecoverer(KafkaOperations<String, byte[]> template, String deadLetterTopic,
            Duration sendTimeout, Counter deadLetters) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(deadLetterTopic, record.partition()));
        publisher.setWaitForSendResultTimeout(sendTimeout);
        publisher.setFailIfSendResultIsError(true);
        publisher.addHeadersFunction((record, exception) -> {
            Throwable failure = failureOf(exception);
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.DLT_FAILURE_CLASS, failure.getClass().getName().getBytes(StandardCharsets.UTF_8));
            if (failure.getMessage() != null) {
                headers.add(EventHeaders.DLT_FAILURE_MESSAGE, failure.getMessage().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        return (record, consumer, exception) -> {
            publisher.accept(record, consumer, exception);
            deadLetters.increment();
            Throwable failure = failureOf(exception);
            LOG.error("Record {}-{}@{} (event {}) dead-lettered to {}: {}: {}", record.topic(), record.partition(), record.offset(),
                    EventHeaders.string(record.headers(), EventHeaders.EVENT_ID), deadLetterTopic,
                    failure.getClass().getSimpleName(), failure.getMessage());
        };
    }

    /** The exception the listener threw, without spring-kafka's wrappers (and the batch listener's record marker). */
    static Throwable failureOf(Throwable exception) {
        Throwable failure = exception;
        while ((failure instanceof ListenerExecutionFailedException || failure instanceof BatchListenerFailedException)
                && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
