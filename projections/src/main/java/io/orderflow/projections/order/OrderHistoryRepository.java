package io.orderflow.projections.order;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Rows of {@code order_history}. */
interface OrderHistoryRepository extends JpaRepository<OrderHistoryEntity, Long> {

    /** An order's story, oldest first; events of the same instant in the order they were recorded. */
    List<OrderHistoryEntity> findByOrderIdOrderByOccurredAtAscIdAsc(String orderId);
}
