package io.orderflow.ui.api.order;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.common.Money;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.FindOrdersQuery;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.OrderList;
import io.orderflow.api.order.OrderPlacedEvent;
import io.orderflow.api.order.OrderStatus;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ApiWebMvcTest(OrderController.class)
class ReadOrderEndpointTest {

    private static final OrderId ORDER = OrderId.of("3f0c9d1e-7a55-4f0e-8d0e-4b1de2a7b9c1");
    private static final Instant PLACED = Instant.parse("2025-11-26T10:15:30Z");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private QueryGateway queryGateway;

    @Autowired
    private EventStore eventStore;

    @Test
    void answersTheOrderWithItsHistoryAndPlainIdentifiers() throws Exception {
        OrderDetails details = new OrderDetails(ORDER, new CustomerId("customer-42"), OrderStatus.CANCELLED,
                new FailureReason(ReasonCode.PAYMENT_DECLINED, "insufficient funds"),
                List.of(new OrderLine(new Sku("BOOK-1"), 2, new BigDecimal("12.50"))),
                Money.of("25.00", "EUR"), PLACED, PLACED.plusSeconds(2),
                List.of(new OrderDetails.HistoryEntry(PLACED, "OrderPlacedEvent", "Order placed")));
        answerFindOrder(Optional.of(details));

        mvc.perform(get("/api/orders/{id}", ORDER))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.orderId").value(ORDER.toString()))
                .andExpect(jsonPath("$.customerId").value("customer-42"))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.reason.code").value("PAYMENT_DECLINED"))
                .andExpect(jsonPath("$.lines[0].sku").value("BOOK-1"))
                .andExpect(jsonPath("$.lines[0].unitPrice").value(12.50))
                .andExpect(jsonPath("$.total.amount").value(25.00))
                .andExpect(jsonPath("$.total.currency").value("EUR"))
                .andExpect(jsonPath("$.placedAt").value("2025-11-26T10:15:30Z"))
                .andExpect(jsonPath("$.history[0].eventType").value("OrderPlacedEvent"));

        ArgumentCaptor<Object> query = ArgumentCaptor.forClass(Object.class);
        verify(queryGateway).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue()).isEqualTo(new FindOrderQuery(ORDER));
    }

    @Test
    void answersAnOrderTheReadModelDoesNotShowYetAsPending() throws Exception {
        answerFindOrder(Optional.empty());
        when(eventStore.lastSequenceNumberFor(ORDER.toString())).thenReturn(Optional.of(0L));
        OrderPlacedEvent placed = new OrderPlacedEvent(ORDER, new CustomerId("customer-42"),
                List.of(new OrderLine(new Sku("BOOK-1"), 1, new BigDecimal("9.99"))), Money.of("9.99", "EUR"),
                new ShippingAddress("Ada", "Street 1", "London", "SW1", "GB"), PLACED);
        when(eventStore.readEvents(ORDER.toString())).thenReturn(DomainEventStream.of(
                new GenericDomainEventMessage<>("Order", ORDER.toString(), 0, placed)));

        mvc.perform(get("/api/orders/{id}", ORDER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(ORDER.toString()))
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.customerId").value("customer-42"))
                .andExpect(jsonPath("$.lines[0].sku").value("BOOK-1"))
                .andExpect(jsonPath("$.history").isEmpty());
    }

    @Test
    void answersPendingEvenWhenThePlacingEventCannotBeRead() throws Exception {
        answerFindOrder(Optional.empty());
        when(eventStore.lastSequenceNumberFor(ORDER.toString())).thenReturn(Optional.of(3L));
        when(eventStore.readEvents(ORDER.toString())).thenThrow(new IllegalStateException("storage hiccup"));

        mvc.perform(get("/api/orders/{id}", ORDER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.history").isEmpty());
    }

    @Test
    void answersAnUnknownOrderWithNotFound() throws Exception {
        answerFindOrder(Optional.empty());
        when(eventStore.lastSequenceNumberFor(ORDER.toString())).thenReturn(Optional.empty());

        assertProblem(mvc.perform(get("/api/orders/{id}", ORDER)), 404, "order-not-found")
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
    }

    @Test
    void refusesAMalformedOrderIdWithoutAsking() throws Exception {
        assertProblem(mvc.perform(get("/api/orders/{id}", "not-a-uuid")), 400, "validation-failed")
                .andExpect(onlyInvalidField("id"));
        assertProblem(mvc.perform(get("/api/orders/{id}", "1-1-1-1-1")), 400, "validation-failed");

        verifyNoInteractions(queryGateway, eventStore);
    }

    @Test
    void listsOrdersByStatusAndLimit() throws Exception {
        OrderList list = new OrderList(List.of(new OrderList.Summary(ORDER, new CustomerId("customer-42"),
                OrderStatus.REJECTED, ReasonCode.OUT_OF_STOCK, Money.of("1.00", "EUR"), PLACED, PLACED)));
        when(queryGateway.query(eq(new FindOrdersQuery(OrderStatus.REJECTED, 7)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(list));

        mvc.perform(get("/api/orders").param("status", "REJECTED").param("limit", "7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders[0].orderId").value(ORDER.toString()))
                .andExpect(jsonPath("$.orders[0].reason").value("OUT_OF_STOCK"));
    }

    @Test
    void listsTheFiftyMostRecentOrdersByDefault() throws Exception {
        when(queryGateway.query(eq(new FindOrdersQuery(null, 50)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new OrderList(List.of())));

        mvc.perform(get("/api/orders"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orders").isEmpty());
    }

    @Test
    void refusesAnUnknownStatus() throws Exception {
        assertProblem(mvc.perform(get("/api/orders").param("status", "LOST")), 400, "validation-failed")
                .andExpect(onlyInvalidField("status"));

        verifyNoInteractions(queryGateway);
    }

    @Test
    void refusesALimitOutOfRange() throws Exception {
        assertProblem(mvc.perform(get("/api/orders").param("limit", "0")), 400, "validation-failed")
                .andExpect(onlyInvalidField("limit"));
        assertProblem(mvc.perform(get("/api/orders").param("limit", "501")), 400, "validation-failed")
                .andExpect(onlyInvalidField("limit"));
        assertProblem(mvc.perform(get("/api/orders").param("limit", "ten")), 400, "validation-failed")
                .andExpect(onlyInvalidField("limit"));

        verifyNoInteractions(queryGateway);
    }

    @SuppressWarnings("unchecked")
    private void answerFindOrder(Optional<OrderDetails> answer) {
        when(queryGateway.query(eq(new FindOrderQuery(ORDER)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(answer));
    }
}
