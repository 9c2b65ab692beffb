/**
 * Correlation and causation identifiers carried in message metadata from the web request through
 * every command, event and saga step, and into the logging MDC while a message is handled.
 */
package io.orderflow.bridge.tracing;
