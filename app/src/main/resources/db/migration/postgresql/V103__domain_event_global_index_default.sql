-- Axon's JdbcEventStorageEngine (orderflow.event-store.engine=jdbc, the default) inserts events
-- without a global index; Hibernate (orderflow.event-store.engine=jpa) draws it itself from
-- domain_event_entry_seq (allocation size 1, META-INF/orderflow-axon-orm.xml). With this default both
-- draw from the same sequence one value at a time, so either engine can write after the other and
-- every global index is handed out once, in the order the inserts ask for them.
alter table domain_event_entry
    alter column global_index set default nextval('domain_event_entry_seq');
