/** The shipment aggregate, the carrier port and the command handlers that call the carrier. */
package io.orderflow.write.shipping;
