package io.orderflow.projections.kafka;

import io.orderflow.projections.support.EventMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only {@link ProjectionTransactionHook}: fails chosen events of one read model inside its
 * transaction (after the update, so the update rolls back), a number of times or until healed, and
 * records every attempt and every event that got through to the commit.
 */
final class ScriptedFailures implements ProjectionTransactionHook {

    private final Map<String, AtomicInteger> remainingFailures = new ConcurrentHashMap<>();
    private final Set<String> failUntilHealed = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<Passed> passed = new CopyOnWriteArrayList<>();

    /** Lets {@code eventId} fail in {@code readModel} the next {@code times} attempts. */
    void failTimes(String readModel, String eventId, int times) {
        remainingFailures.put(key(readModel, eventId), new AtomicInteger(times));
    }

    /** Lets {@code eventId} fail in {@code readModel} until {@link #heal} is called. */
    void failUntilHealed(String readModel, String eventId) {
        failUntilHealed.add(key(readModel, eventId));
    }

    /** The cause is fixed: {@code eventId} no longer fails in {@code readModel}. */
    void heal(String readModel, String eventId) {
        failUntilHealed.remove(key(readModel, eventId));
    }

    /** How often {@code readModel} tried to apply {@code eventId}, failed attempts included. */
    int attempts(String readModel, String eventId) {
        AtomicInteger count = attempts.get(key(readModel, eventId));
        return count == null ? 0 : count.get();
    }

    /** The event ids {@code readModel} got through to the commit, in the order it applied them. */
    List<String> passed(String readModel) {
        return passed.stream().filter(entry -> entry.readModel().equals(readModel)).map(Passed::eventId).toList();
    }

    @Override
    public void beforeCommit(String readModel, Object payload, EventMeta meta, boolean applied) {
        String key = key(readModel, meta.eventId());
        attempts.computeIfAbsent(key, ignored -> new AtomicInteger()).incrementAndGet();
        if (failUntilHealed.contains(key)) {
            throw new ScriptedFailure("scripted failure of " + key + " until healed");
        }
        AtomicInteger remaining = remainingFailures.get(key);
        if (remaining != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ScriptedFailure("scripted transient failure of " + key);
        }
        passed.add(new Passed(readModel, meta.eventId()));
    }

    private static String key(String readModel, String eventId) {
        return readModel + "/" + eventId;
    }

    /** The failure the hook throws; retryable, like a lost database connection. */
    static final class ScriptedFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ScriptedFailure(String message) {
            super(message);
        }
    }

    private record Passed(String readModel, String eventId) {
    }
}
