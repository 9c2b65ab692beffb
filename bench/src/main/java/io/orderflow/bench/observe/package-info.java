/** Observing orders reach their terminal state, on Kafka or through the read API, and timing them. */
package io.orderflow.bench.observe;
