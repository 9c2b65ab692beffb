package io.orderflow.app.storage;

import java.sql.Types;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

/**
 * PostgreSQL dialect that stores {@code @Lob byte[]} as {@code bytea} instead of {@code oid}.
 *
 * <p>Axon maps every serialized payload (event payload and metadata, snapshots, tokens, sagas, dead
 * letters) as {@code @Lob byte[]}. Hibernate 6's PostgreSQL dialect turns those into large objects
 * referenced by an {@code oid}: unreadable in SQL, and orphaned large objects need
 * {@code vacuumlo}. This dialect declares {@code bytea} as the column type of {@link SqlTypes#BLOB}
 * (so {@code ddl-auto=validate} accepts the Flyway-created {@code bytea} columns) and binds and
 * reads BLOB values as plain bytes. Activated by {@code spring.jpa.database-platform} in the
 * {@code postgres} profile only.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.getTypeConfiguration()
                         .getJdbcTypeRegistry()
                         .addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
    }
}
