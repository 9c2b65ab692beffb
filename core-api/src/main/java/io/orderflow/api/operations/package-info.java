/** Operator-facing queries: what needs a human, such as saga events parked after repeated failures, and the state of the Kafka backbone. */
package io.orderflow.api.operations;
