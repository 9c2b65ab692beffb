package io.orderflow.saga;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.test.saga.SagaTestFixture;

/**
 * Axon's clock ({@link GenericEventMessage#clock}, the saga's "now") following a
 * {@link SagaTestFixture}, installed for one test and restored afterwards.
 *
 * <p>Why: the saga computes when its stage is due from Axon's clock, which is the system clock in
 * the application. Axon's aggregate fixture sets that clock to its own time; the saga fixture does not
 * (4.13), so without this the saga would take its times from the wall clock while the fixture's
 * deadline manager runs on the fixture's time. The clock reads the timestamp of the message being
 * handled (events and deadlines are event messages): an event published by the fixture carries the
 * fixture's current time, and a deadline
 * carries the time it was scheduled for, which is the fixture deadline manager's time while it
 * delivers it (the fixture's own current time has then already moved to the end of the elapsed
 * period). Outside a handler it is the fixture's current time. Tests start the fixture with
 * {@code givenCurrentTime}, so that its event scheduler and deadline manager share one time.
 */
final class FixtureClock extends Clock implements AutoCloseable {

    private final Supplier<SagaTestFixture<?>> fixture;
    private final Clock previous;

    private FixtureClock(Supplier<SagaTestFixture<?>> fixture) {
        this.fixture = fixture;
        this.previous = GenericEventMessage.clock;
    }

    /** Makes Axon's clock follow the fixture the supplier returns (it may be replaced during a test). */
    static FixtureClock install(Supplier<SagaTestFixture<?>> fixture) {
        FixtureClock clock = new FixtureClock(fixture);
        GenericEventMessage.clock = clock;
        return clock;
    }

    @Override
    public Instant instant() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> handled) {
            return handled.getTimestamp();
        }
        return fixture.get().currentTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fixture's time has no zone");
    }

    /** Restores the clock that was installed before. */
    @Override
    public void close() {
        GenericEventMessage.clock = previous;
    }
}
