/** Tests of the product stock view and its queries. */
package io.orderflow.projections.inventory;
