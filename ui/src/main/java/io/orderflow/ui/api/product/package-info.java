/** Product endpoints: the catalogue with stock levels, registering products and restocking them. */
package io.orderflow.ui.api.product;
