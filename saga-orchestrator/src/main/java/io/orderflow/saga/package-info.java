/**
 * The order-fulfilment saga: drives each order through stock reservation, payment and shipping and
 * compensates the started steps in reverse order when one of them fails.
 */
package io.orderflow.saga;
