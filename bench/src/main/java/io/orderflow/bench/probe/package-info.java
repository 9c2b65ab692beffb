/** Efficiency probes: database commits, Kafka records, application CPU time and heap, read before and after. */
package io.orderflow.bench.probe;
