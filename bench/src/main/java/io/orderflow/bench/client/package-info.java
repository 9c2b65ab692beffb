/** The HTTP client of the running application: orders, catalogue, fault-injection settings. */
package io.orderflow.bench.client;
