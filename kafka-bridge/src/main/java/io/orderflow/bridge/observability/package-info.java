/**
 * Visibility of the Kafka backbone: publisher and consumer lag as Micrometer gauges, the Kafka health
 * indicator, and the {@code FindBackboneStatusQuery} handler the admin API asks.
 */
package io.orderflow.bridge.observability;
