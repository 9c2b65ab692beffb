package io.orderflow.app.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingHandOffPolicyTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> handlerThreads = new CopyOnWriteArrayList<>();
    private ThreadPoolExecutor executor;

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    @Test
    void refusesACommandWhenTheQueueStaysFullAndNeverRunsItOnTheSender() {
        executor = singleThreadWithRoomForOne(Duration.ofMillis(200));
        executor.execute(this::blockUntilReleased);
        executor.execute(this::recordThread);

        assertThatThrownBy(() -> executor.execute(this::recordThread))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("stayed full");
        assertThat(handlerThreads).isEmpty();
    }

    @Test
    void holdsTheSenderBackUntilTheQueueHasRoom() throws InterruptedException {
        executor = singleThreadWithRoomForOne(Duration.ofSeconds(30));
        executor.execute(this::blockUntilReleased);
        executor.execute(this::recordThread);
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        CountDownLatch sent = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                executor.execute(this::recordThread);
            } catch (RuntimeException e) {
                senderFailure.set(e);
            }
            sent.countDown();
        }, "sender");
        sender.start();

        assertThat(sent.await(100, TimeUnit.MILLISECONDS)).as("sender still waiting").isFalse();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(handlerThreads).hasSize(2));
        assertThat(senderFailure).hasNullValue();
        assertThat(handlerThreads).allSatisfy(name -> assertThat(name).startsWith("CommandBus"));
    }

    @Test
    void refusesCommandsOnceShutDown() {
        executor = singleThreadWithRoomForOne(Duration.ofSeconds(30));
        executor.shutdown();

        assertThatThrownBy(() -> executor.execute(this::recordThread))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
    }

    private static ThreadPoolExecutor singleThreadWithRoomForOne(Duration overflowTimeout) {
        return CommandBusConfiguration.commandExecutor(
                new CommandBusProperties(1, 1, overflowTimeout, 1, Duration.ofMillis(1), Duration.ofSeconds(1),
                                         new CommandBusProperties.Batch(false, 1, 1)));
    }

    private void blockUntilReleased() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordThread() {
        handlerThreads.add(Thread.currentThread().getName());
    }
}
