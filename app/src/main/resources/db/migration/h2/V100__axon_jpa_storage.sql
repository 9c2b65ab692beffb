-- Axon Framework 4.13 JPA storage: event store, snapshots, tracking tokens, sagas, dead letters.
-- Column names and types match Axon's JPA entities under Spring's naming strategy; Hibernate runs
-- with ddl-auto=validate against these tables. Serialized data (@Lob byte[] in Axon) is a BLOB, spelled
-- "binary large object" because H2's PostgreSQL mode refuses the type name BLOB.

-- Global index of the event store: increment 1, matching META-INF/orderflow-axon-orm.xml
-- (Hibernate's default would be a pooled sequence with increment 50: gaps and out-of-order commits).
create sequence domain_event_entry_seq start with 1 increment by 1;

create table domain_event_entry (
    global_index         bigint       not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null,
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              binary large object not null,
    meta_data            binary large object,
    constraint pk_domain_event_entry primary key (global_index),
    constraint uk_domain_event_entry_aggregate_sequence unique (aggregate_identifier, sequence_number),
    constraint uk_domain_event_entry_event_identifier unique (event_identifier)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null,
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              binary large object not null,
    meta_data            binary large object,
    constraint pk_snapshot_event_entry primary key (aggregate_identifier, sequence_number, type),
    constraint uk_snapshot_event_entry_event_identifier unique (event_identifier)
);

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          binary large object,
    token_type     varchar(255),
    timestamp      varchar(255) not null,
    owner          varchar(255),
    constraint pk_token_entry primary key (processor_name, segment)
);

create table saga_entry (
    saga_id         varchar(255) not null,
    saga_type       varchar(255),
    revision        varchar(255),
    serialized_saga binary large object,
    constraint pk_saga_entry primary key (saga_id)
);

-- Hibernate's default for Axon's @GeneratedValue id: a pooled sequence with increment 50.
create sequence association_value_entry_seq start with 1 increment by 50;

create table association_value_entry (
    id                bigint       not null,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_id           varchar(255) not null,
    saga_type         varchar(255),
    constraint pk_association_value_entry primary key (id)
);

create index ix_association_value_entry_type_key_value
    on association_value_entry (saga_type, association_key, association_value);
create index ix_association_value_entry_saga
    on association_value_entry (saga_id, saga_type);

-- Axon's JPA dead-letter queue (registered by Axon's auto-configuration for event processors
-- that enable it with axon.eventhandling.processors.NAME.dlq.enabled).
create table dead_letter_entry (
    dead_letter_id       varchar(255)                not null,
    processing_group     varchar(255)                not null,
    sequence_identifier  varchar(255)                not null,
    sequence_index       bigint                      not null,
    message_type         varchar(255)                not null,
    event_identifier     varchar(255)                not null,
    time_stamp           varchar(255)                not null,
    payload_type         varchar(255)                not null,
    payload_revision     varchar(255),
    payload              binary large object         not null,
    meta_data            binary large object,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                binary large object,
    enqueued_at          timestamp(6) with time zone not null,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          binary large object,
    constraint pk_dead_letter_entry primary key (dead_letter_id),
    constraint uk_dead_letter_entry_group_sequence_index
        unique (processing_group, sequence_identifier, sequence_index)
);

create index ix_dead_letter_entry_group on dead_letter_entry (processing_group);
create index ix_dead_letter_entry_group_sequence on dead_letter_entry (processing_group, sequence_identifier);
