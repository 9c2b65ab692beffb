package io.orderflow.app.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous command bus that runs the commands waiting at the same time in one transaction.
 *
 * <p><b>Why.</b> With one transaction per command, a saga costs a database commit for every command
 * it sends (about ten). Under load many commands wait in the queue at once; running them together
 * costs one commit, one connection checkout and one insert batch of their events for all of them.
 *
 * <p><b>Lanes.</b> A <em>batchable</em> command (the {@code batchable} predicate: its handler only
 * reads and changes its aggregate) goes to one of a fixed number of lanes, chosen by its routing key
 * (the target aggregate's identifier), so one aggregate's commands are handled by one thread, in the
 * order they were sent, and two lanes never wait for each other's aggregate locks. A lane takes what
 * is waiting, up to {@code maxBatchSize} commands, and handles each in its own nested unit of work
 * inside one root unit of work and transaction. It never waits for more commands to arrive: at low
 * load a batch is one command, handled exactly as by Axon's {@code AsynchronousCommandBus}.
 *
 * <p><b>A command fails, not the batch.</b> Every command gets its result only after the
 * transaction that holds its events has committed. When a command of a batch fails, the whole
 * transaction is rolled back (nothing of it is stored; Axon's repositories evict the aggregates it
 * touched from their caches), and then
 * <ol>
 *   <li>the commands before the failed one are handled again as a batch,</li>
 *   <li>the failed command is handled alone, in its own transaction, and its caller gets that
 *       result, just as without batching,</li>
 *   <li>the commands after it are handled as the next batch.</li>
 * </ol>
 * When the commit itself fails (a duplicate aggregate sequence, a lost database connection), every
 * command of the batch is handled alone. So each caller sees the result its command has on its own;
 * what batching changes is only how many commits it takes.
 *
 * <p><b>Other commands</b> (handlers that call an external system, such as the payment provider or
 * the carrier, or that have no aggregate to route by) are not batched: each runs on the pool, in its
 * own unit of work and transaction, as before. A slow external call thus never holds up a batch.
 *
 * <p><b>Back-pressure and shutdown</b> are those of the pool: a full lane holds its sender back for
 * up to {@code overflowTimeout} and then refuses the command with a
 * {@link RejectedExecutionException}; {@link #shutdown()} refuses new commands, waits up to
 * {@code drainTimeout} for the queued and running ones, then interrupts the rest and fails the
 * commands still queued.
 */
public class TransactionBatchingCommandBus extends SimpleCommandBus {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionBatchingCommandBus.class);

    private final TransactionManager transactionManager;
    private final ExecutorService pool;
    private final Predicate<CommandMessage<?>> batchable;
    private final RoutingStrategy routingStrategy;
    private final int maxBatchSize;
    private final Duration overflowTimeout;
    private final Duration drainTimeout;
    private final List<Lane> lanes = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Counter rollbacks;
    private volatile boolean closed;
    private volatile boolean abandoned;

    /**
     * @param settings           the lanes and their limits
     * @param builder            the bus's transaction manager, interceptors, monitor and span factory
     * @param transactionManager the transaction manager also given to {@code builder}
     * @param pool               runs the commands that are not batched
     * @param batchable          which commands may share a transaction
     * @param routingStrategy    the routing key of a command, which picks its lane
     * @param meterRegistry      where {@code orderflow.command.batch.*} go
     */
    public TransactionBatchingCommandBus(Settings settings,
                                         Builder builder,
                                         TransactionManager transactionManager,
                                         ExecutorService pool,
                                         Predicate<CommandMessage<?>> batchable,
                                         RoutingStrategy routingStrategy,
                                         MeterRegistry meterRegistry) {
        super(builder.transactionManager(transactionManager));
        this.transactionManager = transactionManager;
        this.pool = Objects.requireNonNull(pool, "pool");
        this.batchable = Objects.requireNonNull(batchable, "batchable");
        this.routingStrategy = Objects.requireNonNull(routingStrategy, "routingStrategy");
        this.maxBatchSize = settings.maxBatchSize();
        this.overflowTimeout = settings.overflowTimeout();
        this.drainTimeout = settings.drainTimeout();
        this.batchSizes = DistributionSummary.builder("orderflow.command.batch.size")
                                             .description("commands handled in one transaction by a command-bus lane")
                                             .register(meterRegistry);
        this.rollbacks = Counter.builder("orderflow.command.batch.rollbacks")
                                .description("batches rolled back because one command failed or the commit failed;"
                                                     + " their commands were handled again")
                                .register(meterRegistry);
        AxonThreadFactory threads = new AxonThreadFactory("CommandBatch");
        for (int i = 0; i < settings.lanes(); i++) {
            Lane lane = new Lane(settings.laneCapacity());
            lanes.add(lane);
            lane.thread = threads.newThread(lane);
            lane.thread.setDaemon(true);
        }
        Gauge.builder("orderflow.command.batch.queued", lanes, all -> all.stream().mapToInt(l -> l.queue.size()).sum())
             .description("batchable commands waiting in the lanes")
             .register(meterRegistry);
        lanes.forEach(lane -> lane.thread.start());
    }

    /**
     * The shape of the lanes.
     *
     * @param lanes           threads that handle batchable commands, each its own aggregates
     * @param maxBatchSize    most commands in one transaction
     * @param laneCapacity    commands that may wait in one lane; beyond it, senders are held back
     * @param overflowTimeout how long a sender waits for room in a full lane before the command is refused
     * @param drainTimeout    how long {@link #shutdown()} waits for queued and running commands
     */
    public record Settings(int lanes, int maxBatchSize, int laneCapacity, Duration overflowTimeout,
                           Duration drainTimeout) {

        /** Validates the settings. */
        public Settings {
            if (lanes < 1 || maxBatchSize < 1 || laneCapacity < 1) {
                throw new IllegalArgumentException("lanes, batch size and lane capacity must be at least 1: "
                                                           + lanes + ", " + maxBatchSize + ", " + laneCapacity);
            }
            Objects.requireNonNull(overflowTimeout, "overflowTimeout");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
        }
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command,
                                 MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        if (closed) {
            throw new RejectedExecutionException("The command bus is shut down; command refused");
        }
        if (!batchable.test(command)) {
            pool.execute(() -> super.handle(command, handler, callback));
            return;
        }
        Lane lane = lanes.get(Math.floorMod(routingStrategy.getRoutingKey(command).hashCode(), lanes.size()));
        lane.offer(new Pending<>(command, handler, callback));
    }

    /**
     * Refuses new commands, lets the lanes and the pool finish what is queued for up to the drain
     * timeout, then interrupts them; commands still queued are failed with a
     * {@link RejectedExecutionException}. Their sagas' deadlines re-send or compensate after the next start.
     */
    public void shutdown() {
        closed = true;
        pool.shutdown();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        boolean interrupted = false;
        try {
            for (Lane lane : lanes) {
                lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            DrainingAsynchronousCommandBus.drain(pool, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            interrupted = true;
            pool.shutdownNow();
        }
        abandoned = true;
        for (Lane lane : lanes) {
            if (lane.thread.isAlive()) {
                lane.thread.interrupt();
            }
            List<Pending<?, ?>> stranded = new ArrayList<>();
            lane.queue.drainTo(stranded);
            if (!stranded.isEmpty()) {
                LOG.warn("Command bus lane did not drain within {}: {} queued command(s) not run; their saga deadlines"
                                 + " will compensate or re-send after the next start", drainTimeout, stranded.size());
                RejectedExecutionException refused =
                        new RejectedExecutionException("The command bus shut down before the command ran");
                stranded.forEach(pending -> pending.fail(refused));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Lane implements Runnable {

        private final BlockingQueue<Pending<?, ?>> queue;
        private Thread thread;

        private Lane(int capacity) {
            this.queue = new LinkedBlockingQueue<>(capacity);
        }

        private void offer(Pending<?, ?> pending) {
            BlockingHandOffPolicy.offer(queue, pending, overflowTimeout);
        }

        @Override
        public void run() {
            List<Pending<?, ?>> batch = new ArrayList<>(maxBatchSize);
            while (!abandoned && !(closed && queue.isEmpty())) {
                try {
                    Pending<?, ?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatchSize - 1);
                    batchSizes.record(batch.size());
                    handleInOrder(batch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException | Error e) {
                    LOG.error("Command bus lane failed outside a command; its batch's commands are failed", e);
                    discardUnitsOfWorkLeftBy(e);
                    batch.forEach(pending -> pending.failIfOpen(e));
                } finally {
                    batch.clear();
                }
            }
        }
    }

    /** After an unexpected failure: no unit of work of the failed batch may stay current on the lane thread. */
    private static void discardUnitsOfWorkLeftBy(Throwable failure) {
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> stale = CurrentUnitOfWork.get();
            if (stale.phase() == UnitOfWork.Phase.STARTED) {
                try {
                    stale.rollback(failure);
                } catch (RuntimeException e) {
                    LOG.debug("Rolling back a unit of work left by a failed batch failed", e);
                }
            }
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == stale) {
                CurrentUnitOfWork.clear(stale);
            }
        }
    }

    /**
     * Handles the commands in order, as many as possible in one transaction; see the class comment
     * for what happens when one fails.
     */
    private void handleInOrder(List<Pending<?, ?>> commands) {
        List<Pending<?, ?>> rest = commands;
        while (!rest.isEmpty()) {
            if (rest.size() == 1) {
                rest.get(0).handleAlone();
                return;
            }
            int failed = handleTogether(rest);
            if (failed == rest.size()) {
                return;
            }
            rollbacks.increment();
            if (failed < 0) {
                rest.forEach(Pending::handleAlone);
                return;
            }
            handleInOrder(rest.subList(0, failed));
            rest.get(failed).handleAlone();
            rest = rest.subList(failed + 1, rest.size());
        }
    }

    /**
     * Handles the commands in one root unit of work and transaction.
     *
     * @return the number of commands when all succeeded and were committed (their callers have their
     *         results); the index of the first command that failed (nothing was committed, no
     *         caller was told); or {@code -1} when the commit failed
     */
    private int handleTogether(List<Pending<?, ?>> commands) {
        UnitOfWork<CommandMessage<?>> root = DefaultUnitOfWork.startAndGet(commands.get(0).command);
        boolean[] committed = {false};
        try {
            Transaction transaction = transactionManager.startTransaction();
            root.onCommit(u -> {
                transaction.commit();
                committed[0] = true;
            });
            root.onRollback(u -> transaction.rollback());
            for (int i = 0; i < commands.size(); i++) {
                if (!commands.get(i).handleNested()) {
                    root.rollback(commands.get(i).failure());
                    return i;
                }
            }
            root.commit();
        } catch (RuntimeException e) {
            if (root.isActive()) {
                root.rollback(e);
            }
            if (!committed[0]) {
                LOG.debug("A batch of {} commands failed to commit; handling each alone", commands.size(), e);
                return -1;
            }
            LOG.warn("A batch of {} commands committed, then failed after the commit", commands.size(), e);
        }
        commands.forEach(Pending::deliver);
        return commands.size();
    }

    /** A command waiting in a lane, with its handler and caller. */
    private final class Pending<C, R> {

        private final CommandMessage<C> command;
        private final MessageHandler<? super CommandMessage<?>> handler;
        private final CommandCallback<? super C, ? super R> callback;
        private CommandResultMessage<? extends R> result;
        private boolean answered;

        private Pending(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                        CommandCallback<? super C, ? super R> callback) {
            this.command = command;
            this.handler = handler;
            this.callback = callback;
        }

        /** Handles the command in a unit of work nested in the current one; {@code false} if it failed. */
        private boolean handleNested() {
            result = null;
            TransactionBatchingCommandBus.super.<C, R>handle(command, handler, (c, r) -> result = r);
            return result != null && !result.isExceptional();
        }

        private Throwable failure() {
            return result == null ? new IllegalStateException("The command produced no result") : result.exceptionResult();
        }

        private void handleAlone() {
            answered = true;
            TransactionBatchingCommandBus.super.handle(command, handler, callback);
        }

        private void deliver() {
            answered = true;
            callback.onResult(command, result);
        }

        private void fail(Throwable cause) {
            answered = true;
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(cause));
        }

        private void failIfOpen(Throwable cause) {
            if (!answered) {
                fail(cause);
            }
        }
    }
}
