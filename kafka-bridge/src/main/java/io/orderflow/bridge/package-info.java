/**
 * The Kafka backbone: every event in the event store is published to Kafka with a readable
 * envelope, over an in-process broker when no cluster is configured; see {@code kafka-bridge/README.md}.
 */
package io.orderflow.bridge;
