/** Order endpoints: placing an order (idempotently), reading its status and history, and asking to cancel it. */
package io.orderflow.ui.api.order;
