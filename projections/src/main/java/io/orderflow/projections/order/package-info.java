/** The order view: one row per order with its status and reason, the step history of every context, and its queries. */
package io.orderflow.projections.order;
