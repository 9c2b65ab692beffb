/**
 * Publishing the event store to Kafka (the event store is the outbox): record keys, envelope
 * headers and the tracking processor that drives the Axon Kafka extension's publisher.
 */
package io.orderflow.bridge.publishing;
