/** Persistence of the application: the JPA entity scan, Axon's event, token and saga stores, and the PostgreSQL dialect. */
package io.orderflow.app.storage;
