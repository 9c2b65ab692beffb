/** Persistent deadlines and scheduled events on db-scheduler, so that a saga's timeouts survive a restart. */
package io.orderflow.app.deadline;
