/** Messages of the order bounded context: placing, advancing, cancelling and ending an order. */
package io.orderflow.api.order;
