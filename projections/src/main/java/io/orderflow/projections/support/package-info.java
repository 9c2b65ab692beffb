/** Plumbing shared by the read models: event metadata, the processed-event ledger that makes updates idempotent (with its batch look-ups and its retention), and the choice of feed. */
package io.orderflow.projections.support;
