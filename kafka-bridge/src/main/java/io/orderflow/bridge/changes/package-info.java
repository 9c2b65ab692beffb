/**
 * The order-change feed: a compacted topic with one record per order state change (before, after, op,
 * source), in the change-data-capture style, for consumers that want an order's state rather than its
 * domain events.
 */
package io.orderflow.bridge.changes;
