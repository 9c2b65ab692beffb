/** Run statistics: the measurement window, latency histograms, outcome and error counts, backlog trend. */
package io.orderflow.bench.stats;
