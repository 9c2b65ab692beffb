/** Plumbing shared by the read models: event metadata, the processed-event ledger that makes updates idempotent, and the choice of feed. */
package io.orderflow.projections.support;
