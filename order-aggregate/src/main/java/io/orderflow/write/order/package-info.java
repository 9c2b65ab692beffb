/** The order aggregate: placing an order, advancing it step by step, cancelling and ending it. */
package io.orderflow.write.order;
