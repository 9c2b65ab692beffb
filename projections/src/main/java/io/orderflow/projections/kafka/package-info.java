/** The Kafka feed of the read models: consumer groups on the event topic, commit after the database commit, dead-letter topics and their replay. */
package io.orderflow.projections.kafka;
