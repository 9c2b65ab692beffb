package io.orderflow.projections.order;

import io.orderflow.api.order.OrderStatus;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Rows of {@code order_view}. */
interface OrderViewRepository extends JpaRepository<OrderViewEntity, String> {

    List<OrderViewEntity> findByStatus(OrderStatus status, Pageable page);

    List<OrderViewEntity> findBy(Pageable page);
}
