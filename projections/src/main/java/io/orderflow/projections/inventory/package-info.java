/** The product stock read model: on-hand and reserved units per SKU, and the catalogue queries. */
package io.orderflow.projections.inventory;
