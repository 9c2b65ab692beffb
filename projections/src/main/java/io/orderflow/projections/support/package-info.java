/** Plumbing shared by the read models: event metadata, the batches in which the read models apply events and write them with plain JDBC, the processed-event ledger that makes updates idempotent (with its retention), and the choice of feed. */
package io.orderflow.projections.support;
