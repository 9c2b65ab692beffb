package io.orderflow.write.simulation;

/** How a simulated adapter lets time pass; tests record the pauses instead of sleeping. */
@FunctionalInterface
interface Latency {

    /** Sleeps the calling thread: the simulated response time in production. */
    Latency SLEEP = millis -> {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    };

    /**
     * @param millis how long to wait, in milliseconds
     * @throws InterruptedException if the waiting thread was interrupted
     */
    void pause(long millis) throws InterruptedException;
}
