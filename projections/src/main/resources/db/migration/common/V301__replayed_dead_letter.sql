-- Dead letters of the read models' Kafka feed that were replayed to the event topic (projections V3xx).
-- One row per dead-letter record: a record is replayed at most once. Portable SQL: H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE replayed_dead_letter (
    dead_letter_topic VARCHAR(249)             NOT NULL,
    dlt_partition     INTEGER                  NOT NULL,
    dlt_offset        BIGINT                   NOT NULL,
    consumer_group    VARCHAR(255)             NOT NULL,
    event_id          VARCHAR(255),
    target_topic      VARCHAR(249)             NOT NULL,
    target_partition  INTEGER,
    target_offset     BIGINT,
    replayed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_replayed_dead_letter PRIMARY KEY (dead_letter_topic, dlt_partition, dlt_offset)
);
