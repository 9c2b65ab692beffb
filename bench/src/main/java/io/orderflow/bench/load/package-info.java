/** Offered load: the order mix, the open-loop rate schedule and the open- and closed-loop drivers. */
package io.orderflow.bench.load;
