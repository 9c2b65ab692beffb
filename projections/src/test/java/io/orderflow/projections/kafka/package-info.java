/** Tests of the Kafka feed on a real in-process broker: dedup, dead letters, retries, ordering, replay and commit-after-processing. */
package io.orderflow.projections.kafka;
