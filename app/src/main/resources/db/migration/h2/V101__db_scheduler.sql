-- db-scheduler 16.x: persistent deadlines and scheduled events (task data is JSON written by
-- db-scheduler's JacksonSerializer). H2 flavour of db-scheduler's published schema (H2's TEXT is a
-- CLOB outside PostgreSQL mode, and BLOB is spelled "binary large object" because the
-- PostgreSQL mode refuses the type name BLOB).
create table scheduled_tasks (
    task_name            varchar(255)             not null,
    task_instance        varchar(1000)            not null,
    task_data            binary large object,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            varchar(255),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    constraint pk_scheduled_tasks primary key (task_name, task_instance)
);

create index ix_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
