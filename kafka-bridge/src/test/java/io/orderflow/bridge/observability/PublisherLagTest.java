package io.orderflow.bridge.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PublisherLagTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger headReads = new AtomicInteger();
    private volatile OptionalLong head = OptionalLong.of(120);
    private volatile OptionalLong publisher = OptionalLong.of(100);

    private final PublisherLag lag = new PublisherLag(() -> {
        headReads.incrementAndGet();
        return head;
    }, () -> publisher, Duration.ofSeconds(1), now::get);

    @Test
    void isTheHeadOfTheEventStoreMinusThePublishersPosition() {
        assertThat(lag.current()).hasValue(20);
        assertThat(lag.gaugeValue()).isEqualTo(20.0);
    }

    @Test
    void readsTheEventStoreAtMostOncePerCachePeriod() {
        lag.current();
        head = OptionalLong.of(150);
        now.addAndGet(Duration.ofMillis(999).toNanos());

        assertThat(lag.current()).hasValue(20);
        assertThat(headReads).hasValue(1);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(lag.current()).hasValue(50);
        assertThat(headReads).hasValue(2);
    }

    @Test
    void isUnknownWhenThePublisherDoesNotRunInThisInstance() {
        publisher = OptionalLong.empty();

        assertThat(lag.current()).isEmpty();
        assertThat(lag.gaugeValue()).isNaN();
    }

    @Test
    void isZeroForAnEmptyEventStore() {
        head = OptionalLong.empty();
        publisher = OptionalLong.of(-1);

        assertThat(lag.current()).hasValue(0);
    }

    @Test
    void countsEveryEventBeforeThePublishersFirst() {
        publisher = OptionalLong.of(-1);
        head = OptionalLong.of(4);

        assertThat(lag.current()).hasValue(5);
    }

    @Test
    void isUnknownWhenTheEventStoreCannotBeRead() {
        PublisherLag failing = new PublisherLag(() -> {
            throw new IllegalStateException("database down");
        }, () -> publisher, Duration.ZERO, now::get);

        assertThat(failing.current()).isEmpty();
    }
}
