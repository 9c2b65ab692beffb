-- Read models (projections V3xx), H2; db/migration/postgresql has the same change for PostgreSQL.

-- Order history ids from a sequence in blocks of 50 (Hibernate's pooled optimizer): an IDENTITY id is
-- only known after the insert, which made Hibernate insert every history row on its own; with a
-- sequence the rows of a transaction go in one JDBC batch. The column's default becomes the same
-- sequence, so rows inserted without an id (an IDENTITY mapping, a manual insert) never take an id
-- Hibernate hands out. The sequence continues above the highest existing id: pooled blocks end at the
-- value the sequence returns, so the first value is max(id) + 50.
CREATE SEQUENCE order_history_seq INCREMENT BY 50 MINVALUE 1;
ALTER SEQUENCE order_history_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 50 FROM order_history);
ALTER TABLE order_history ALTER COLUMN id DROP IDENTITY;
ALTER TABLE order_history ALTER COLUMN id SET DEFAULT nextval('order_history_seq');

-- Retention of the processed-event ledger: the clean-up deletes the oldest marks in chunks.
CREATE INDEX ix_processed_event_processed_at ON processed_event (processed_at);
