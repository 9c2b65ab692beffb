/** Operator-facing queries: what needs a human, such as saga events parked after repeated failures. */
package io.orderflow.api.operations;
