/** Messages of the shipping bounded context: scheduling and cancelling an order's shipment. */
package io.orderflow.api.shipping;
