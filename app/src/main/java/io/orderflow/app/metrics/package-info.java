/** Axon's message metrics: lean per-message monitors for the command bus, the event store and the event processors. */
package io.orderflow.app.metrics;
