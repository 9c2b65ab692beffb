/** Messages of the inventory bounded context: products, stock, reservations for orders. */
package io.orderflow.api.inventory;
