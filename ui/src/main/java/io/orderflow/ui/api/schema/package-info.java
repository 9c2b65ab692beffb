/** Schema discovery: the JSON Schemas of the events on Kafka, served over HTTP so that a consumer can find them. */
package io.orderflow.ui.api.schema;
