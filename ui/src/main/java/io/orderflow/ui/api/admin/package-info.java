/** Operator endpoints: fault-injection settings of the simulated adapters and saga events parked after repeated failures. */
package io.orderflow.ui.api.admin;
