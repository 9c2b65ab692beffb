/** Read models of the order-fulfilment application and the wiring that feeds them from Axon's event store when that feed is chosen. */
package io.orderflow.projections;
