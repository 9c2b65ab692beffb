/**
 * The shared message vocabulary of the order-fulfilment product: every command, event, query,
 * identifier and business error code that crosses a module boundary. Depends on the JDK and Axon's
 * modelling annotations only.
 */
package io.orderflow.api;
