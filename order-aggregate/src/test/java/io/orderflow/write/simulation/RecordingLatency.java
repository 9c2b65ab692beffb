package io.orderflow.write.simulation;

import java.util.ArrayList;
import java.util.List;

/** A {@link Latency} that records the pauses instead of sleeping. */
final class RecordingLatency implements Latency {

    final List<Long> pauses = new ArrayList<>();

    @Override
    public synchronized void pause(long millis) {
        pauses.add(millis);
    }
}
