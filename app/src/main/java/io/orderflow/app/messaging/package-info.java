/** Axon messaging infrastructure: Jackson serialization, the asynchronous command bus and the retrying command gateway. */
package io.orderflow.app.messaging;
