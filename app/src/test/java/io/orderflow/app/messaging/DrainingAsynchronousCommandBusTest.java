package io.orderflow.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;

class DrainingAsynchronousCommandBusTest {

    private static final String COMMAND = "slow-command";

    @Test
    void letsARunningCommandFinishBeforeTheApplicationCloses() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        DrainingAsynchronousCommandBus bus =
                new DrainingAsynchronousCommandBus(AsynchronousCommandBus.builder(), executor, Duration.ofSeconds(10));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        bus.subscribe(COMMAND, message -> {
            started.countDown();
            release.await();
            finished.set(true);
            return null;
        });
        bus.dispatch(new GenericCommandMessage<>(new GenericMessage<>("payload"), COMMAND));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(bus::shutdown);
        assertThat(closing).isNotDone();
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);

        assertThat(finished).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    @Test
    void interruptsACommandThatOutlastsTheDrainTimeSoNoThreadOutlivesTheApplication() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        DrainingAsynchronousCommandBus bus =
                new DrainingAsynchronousCommandBus(AsynchronousCommandBus.builder(), executor, Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        bus.subscribe(COMMAND, message -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return null;
        });
        bus.dispatch(new GenericCommandMessage<>(new GenericMessage<>("payload"), COMMAND));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        bus.shutdown();

        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
    }
}
