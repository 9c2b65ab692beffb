/** The payment aggregate, the payment-gateway port and the command handlers that call the gateway. */
package io.orderflow.write.payment;
