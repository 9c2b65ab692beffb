/** The inventory aggregate: one product per SKU with its stock on hand and its reservations for orders. */
package io.orderflow.write.inventory;
