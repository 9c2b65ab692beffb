/**
 * Simulated payment provider and carrier with runtime-adjustable fault injection (declines and
 * refusals, technical failures, latency, timeouts), the only place where faults are injected.
 */
package io.orderflow.write.simulation;
