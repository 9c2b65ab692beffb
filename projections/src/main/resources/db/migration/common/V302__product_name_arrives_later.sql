-- A stock event can reach the product-stock view before its product's registration (they are keyed
-- differently on Kafka); the row is kept with its levels and named when the registration arrives.
ALTER TABLE product_stock ALTER COLUMN name DROP NOT NULL;
