/**
 * Upcasting of stored events: JSON-tree upcasters that carry an event of an older {@code @Revision} to the shape of
 * the current record, and {@link io.orderflow.schema.upcasting.OrderflowUpcasters}, the ordered list the application
 * registers as its {@code EventUpcasterChain}.
 */
package io.orderflow.schema.upcasting;
