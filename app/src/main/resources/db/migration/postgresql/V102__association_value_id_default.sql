-- Axon's JdbcSagaStore (orderflow.storage.saga-store=jdbc, the default) inserts association values
-- without an id; Hibernate (orderflow.storage.saga-store=jpa) sets the id itself. Both now draw from
-- association_value_entry_seq. The sequence keeps its increment of 50: Hibernate's pooled optimizer
-- uses the 50 ids ending at each value it draws, the column default uses the value it draws, and as
-- every value is drawn once the two never hand out the same id, whichever store wrote before.
alter table association_value_entry
    alter column id set default nextval('association_value_entry_seq');
