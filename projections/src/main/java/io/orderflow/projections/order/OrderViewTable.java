package io.orderflow.projections.order;

import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.projections.support.BatchSql;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The SQL of the order view's write path ({@code order_view}, {@code order_history}), plain JDBC in the
 * caller's transaction: one look-up per batch, one JDBC batch per kind of write.
 *
 * <p><b>Concurrent writers.</b> An order's events share a Kafka key, so one consumer of the group applies
 * them; two transactions can still meet on a row while partitions move between consumers. The update is
 * guarded by the row's {@code version} (as Hibernate's optimistic lock was): a row that changed since the
 * batch looked it up fails the batch with an {@link OptimisticLockingFailureException}, a
 * {@code ConcurrencyFailureException} the feed retries. Rows are written in order-id order, so two batches
 * never lock the same rows in opposite orders.
 *
 * <p><b>History ids</b> come from the column's default, {@code nextval('order_history_seq')} (migration
 * V303), one per row inside the insert batch: no statement of their own and, in a batch, ascending in the
 * order of the events, which orders the rows of one instant. The sequence's increment stays 50 for builds
 * that still hand out ids in pooled blocks from it: each value the default takes is the top of a block no
 * one else is given, so the two never collide.
 */
final class OrderViewTable {

    private static final String SELECT = "select order_id, status, reason_code, reason_detail, updated_at,"
            + " last_event_sequence, version from order_view where order_id in (:keys)";
    private static final String INSERT = "insert into order_view (order_id, customer_id, status, reason_code,"
            + " reason_detail, total_amount, currency, lines_json, placed_at, updated_at, last_event_sequence, version)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String UPDATE = "update order_view set status = ?, reason_code = ?, reason_detail = ?,"
            + " updated_at = ?, last_event_sequence = ?, version = version + 1 where order_id = ? and version = ?";
    private static final String INSERT_HISTORY = "insert into order_history (order_id, event_id, occurred_at,"
            + " event_type, description) values (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate namedJdbc;

    OrderViewTable(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.namedJdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The stored rows of those of {@code orderIds} that are in the view, by order id. */
    Map<String, OrderViewRow> find(Collection<String> orderIds) {
        Map<String, OrderViewRow> rows = new HashMap<>();
        BatchSql.queryByKeys(namedJdbc, SELECT, Map.of(), orderIds, (row, index) -> {
            String reasonCode = row.getString("reason_code");
            return OrderViewRow.stored(
                    row.getString("order_id"),
                    row.getLong("version"),
                    OrderStatus.valueOf(row.getString("status")),
                    reasonCode == null ? null : ReasonCode.valueOf(reasonCode),
                    row.getString("reason_detail"),
                    BatchSql.instant(row, "updated_at"),
                    BatchSql.nullableLong(row, "last_event_sequence"));
        }).forEach(row -> rows.put(row.orderId(), row));
        return rows;
    }

    /** Inserts new rows, in their current state. */
    void insert(List<OrderViewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> {
            OrderViewRow.Placement placement = row.placement();
            statement.setString(1, row.orderId());
            statement.setString(2, placement.customerId());
            statement.setString(3, row.status().name());
            BatchSql.setNullableString(statement, 4, row.reasonCode() == null ? null : row.reasonCode().name());
            BatchSql.setNullableString(statement, 5, row.reasonDetail());
            statement.setBigDecimal(6, placement.totalAmount());
            statement.setString(7, placement.currency());
            statement.setString(8, placement.linesJson());
            statement.setObject(9, BatchSql.timestamp(placement.placedAt()));
            statement.setObject(10, BatchSql.timestamp(row.updatedAt()));
            BatchSql.setNullableLong(statement, 11, row.lastEventSequence());
        });
    }

    /**
     * Updates changed rows, each only if its version is still the one looked up.
     *
     * @throws OptimisticLockingFailureException if another transaction changed one of them meanwhile
     */
    void update(List<OrderViewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[][] counts = jdbc.batchUpdate(UPDATE, rows, rows.size(), (statement, row) -> {
            statement.setString(1, row.status().name());
            BatchSql.setNullableString(statement, 2, row.reasonCode() == null ? null : row.reasonCode().name());
            BatchSql.setNullableString(statement, 3, row.reasonDetail());
            statement.setObject(4, BatchSql.timestamp(row.updatedAt()));
            BatchSql.setNullableLong(statement, 5, row.lastEventSequence());
            statement.setString(6, row.orderId());
            statement.setLong(7, row.version());
        });
        int index = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                // a driver may answer SUCCESS_NO_INFO (-2) for a batched statement: nothing to check then
                if (count == 0) {
                    OrderViewRow row = rows.get(index);
                    throw new OptimisticLockingFailureException("order_view row " + row.orderId() + " (version "
                            + row.version() + ") was changed by another transaction");
                }
                index++;
            }
        }
    }

    /** Inserts history rows; their ids come from the column's default, in the order of {@code rows}. */
    void insertHistory(List<OrderHistoryRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT_HISTORY, rows, rows.size(), (statement, row) -> {
            statement.setString(1, row.orderId());
            statement.setString(2, row.eventId());
            statement.setObject(3, BatchSql.timestamp(row.occurredAt()));
            statement.setString(4, row.eventType());
            statement.setString(5, row.description());
        });
    }

    /** Empties the order view and its history. */
    void deleteAll() {
        jdbc.update("delete from order_history");
        jdbc.update("delete from order_view");
    }
}
