/** Messages of the payment bounded context: authorisation and refund of an order's amount. */
package io.orderflow.api.payment;
