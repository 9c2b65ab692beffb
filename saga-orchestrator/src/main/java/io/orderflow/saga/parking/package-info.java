/**
 * Retry-then-park handling of saga events: events a saga handler fails on repeatedly are stored in
 * {@code parked_saga_event} for operators, so the saga processor can move on.
 */
package io.orderflow.saga.parking;
