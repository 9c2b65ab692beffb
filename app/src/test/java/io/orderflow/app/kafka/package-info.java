/** End-to-end tests of the Kafka backbone: the whole application on PostgreSQL with its in-process broker, read with plain Kafka consumers. */
package io.orderflow.app.kafka;
