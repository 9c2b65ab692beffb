/** Tests of the order view: stories, compensations, idempotency, late events and queries. */
package io.orderflow.projections.order;
