package io.orderflow.projections.inventory;

import org.springframework.data.jpa.repository.JpaRepository;

/** Rows of {@code product_stock}. */
interface ProductStockRepository extends JpaRepository<ProductStockEntity, String> {
}
