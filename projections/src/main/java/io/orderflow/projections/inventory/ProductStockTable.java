package io.orderflow.projections.inventory;

import io.orderflow.projections.support.BatchSql;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The SQL of the product stock view's write path, plain JDBC in the caller's transaction: one look-up per
 * batch, one JDBC batch per kind of write.
 *
 * <p><b>Concurrent writers.</b> Stock events are keyed by order id on Kafka, not by SKU, so two consumers
 * of the group may change one product's row at the same time. The events carry absolute levels and the
 * product aggregate's sequence number, so the right row is the one of the newest event: the update of the
 * levels is conditional, {@code where last_event_sequence is null or last_event_sequence < ?} (the sequence
 * of the event the batch's levels come from). A row another transaction has just updated is locked until
 * that transaction ends; PostgreSQL (and H2) then evaluate the condition again on the row as committed, so
 * a newer level always stays and an older one never overwrites it: no lost update, and no retry (where the
 * optimistic lock before failed one of the two batches, which then ran again). The stored sequence and
 * {@code updated_at} only move forward ({@code greatest}, which skips a {@code NULL}). Rows are written in
 * SKU order, so two batches do not lock the same rows in opposite orders.
 *
 * <p>A product seen for the first time is inserted; if another transaction inserted it first, the insert
 * fails on the primary key and the feed applies the batch again, one record per transaction, finding the
 * row. The name, which only a product's registration sets, is written by a statement of its own after the
 * levels (unconditionally: a registration that arrives after newer levels still names the product); should
 * that ever lock two rows in the opposite order of a concurrent batch, the database detects the deadlock and
 * the feed retries the batch as a concurrency failure.
 */
final class ProductStockTable {

    private static final String SELECT = "select sku, name, on_hand, reserved, last_event_sequence, updated_at"
            + " from product_stock where sku in (:keys)";
    private static final String INSERT = "insert into product_stock (sku, name, on_hand, reserved, last_event_sequence,"
            + " updated_at, version) values (?, ?, ?, ?, ?, ?, 0)";
    private static final String UPDATE_LEVELS = "update product_stock set on_hand = ?, reserved = ?,"
            + " last_event_sequence = greatest(last_event_sequence, ?), updated_at = greatest(updated_at, ?),"
            + " version = version + 1"
            + " where sku = ? and (last_event_sequence is null or last_event_sequence < ?)";
    private static final String RENAME = "update product_stock set name = ?, version = version + 1 where sku = ?";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;

    ProductStockTable(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The stored rows of those of {@code skus} that are in the view, by SKU. */
    Map<String, ProductStockRow> find(Collection<String> skus) {
        Map<String, ProductStockRow> rows = new HashMap<>();
        BatchSql.queryByKeys(namedJdbc, SELECT, Map.of(), skus, (row, index) -> ProductStockRow.stored(
                row.getString("sku"),
                row.getString("name"),
                row.getInt("on_hand"),
                row.getInt("reserved"),
                BatchSql.nullableLong(row, "last_event_sequence"),
                BatchSql.instant(row, "updated_at"))).forEach(row -> rows.put(row.sku(), row));
        return rows;
    }

    /** Inserts new rows, in their current state. */
    void insert(List<ProductStockRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> {
            statement.setString(1, row.sku());
            BatchSql.setNullableString(statement, 2, row.name());
            statement.setInt(3, row.onHand());
            statement.setInt(4, row.reserved());
            BatchSql.setNullableLong(statement, 5, row.lastEventSequence());
            statement.setObject(6, BatchSql.timestamp(row.updatedAt()));
        });
    }

    /** Sets new levels on stored rows, each only if the row's levels are older (see the class comment). */
    void updateLevels(List<ProductStockRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPDATE_LEVELS, rows, rows.size(), (statement, row) -> {
            statement.setInt(1, row.onHand());
            statement.setInt(2, row.reserved());
            BatchSql.setNullableLong(statement, 3, row.lastEventSequence());
            statement.setObject(4, BatchSql.timestamp(row.updatedAt()));
            statement.setString(5, row.sku());
            statement.setLong(6, row.levelsSequence());
        });
    }

    /** Names stored rows. */
    void rename(List<ProductStockRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(RENAME, rows, rows.size(), (statement, row) -> {
            BatchSql.setNullableString(statement, 1, row.name());
            statement.setString(2, row.sku());
        });
    }

    /** Empties the product stock view. */
    void deleteAll() {
        jdbc.update("delete from product_stock");
    }
}
