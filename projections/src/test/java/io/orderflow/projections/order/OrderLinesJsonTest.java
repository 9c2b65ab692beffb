package io.orderflow.projections.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderLinesJsonTest {

    @Test
    void storesLinesInAFlatShapeAndReadsThemBackExactly() {
        List<OrderLine> lines = List.of(
                new OrderLine(new Sku("WIDGET-1"), 2, new BigDecimal("15.00")),
                new OrderLine(new Sku("GADGET-2"), 1, new BigDecimal("0.10")),
                new OrderLine(new Sku("BULK-3"), 1000, new BigDecimal("1E+2")));

        String json = OrderLinesJson.write(lines);

        assertThat(json).isEqualTo("[{\"sku\":\"WIDGET-1\",\"quantity\":2,\"unitPrice\":15.00},"
                + "{\"sku\":\"GADGET-2\",\"quantity\":1,\"unitPrice\":0.10},"
                + "{\"sku\":\"BULK-3\",\"quantity\":1000,\"unitPrice\":100}]");
        assertThat(OrderLinesJson.read(json)).containsExactly(
                new OrderLine(new Sku("WIDGET-1"), 2, new BigDecimal("15.00")),
                new OrderLine(new Sku("GADGET-2"), 1, new BigDecimal("0.10")),
                new OrderLine(new Sku("BULK-3"), 1000, new BigDecimal("100")));
    }
}
