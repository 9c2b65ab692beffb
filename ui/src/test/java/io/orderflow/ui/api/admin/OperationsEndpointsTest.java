package io.orderflow.ui.api.admin;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.operations.FindParkedSagaEventsQuery;
import io.orderflow.api.operations.ParkedSagaEvents;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@ApiWebMvcTest(OperationsController.class)
@TestPropertySource(properties = "orderflow.api.query-timeout=200ms")
class OperationsEndpointsTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private QueryGateway queryGateway;

    @Test
    void listsParkedSagaEvents() throws Exception {
        ParkedSagaEvents parked = new ParkedSagaEvents(List.of(new ParkedSagaEvents.Entry(7, "OrderFulfilmentSaga",
                "3f0c9d1e-7a55-4f0e-8d0e-4b1de2a7b9c1", "event-1", "PaymentAuthorizedEvent", "{}", "boom", 5,
                Instant.parse("2025-11-26T10:15:30Z"))));
        when(queryGateway.query(eq(new FindParkedSagaEventsQuery(10)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(parked));

        mvc.perform(get("/api/admin/parked-saga-events").param("limit", "10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries[0].eventType").value("PaymentAuthorizedEvent"))
                .andExpect(jsonPath("$.entries[0].attempts").value(5))
                .andExpect(jsonPath("$.entries[0].parkedAt").value("2025-11-26T10:15:30Z"));
    }

    @Test
    void asksForFiftyParkedEventsByDefault() throws Exception {
        when(queryGateway.query(eq(new FindParkedSagaEventsQuery(50)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new ParkedSagaEvents(List.of())));

        mvc.perform(get("/api/admin/parked-saga-events"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries").isEmpty());
    }

    @Test
    void answersAQueryWithoutAnswerInTimeAsServiceUnavailable() throws Exception {
        when(queryGateway.query(eq(new FindParkedSagaEventsQuery(50)), any(ResponseType.class)))
                .thenReturn(new CompletableFuture<>());

        assertProblem(mvc.perform(get("/api/admin/parked-saga-events")), 503, "timeout");
    }

    @Test
    void refusesALimitOutOfRange() throws Exception {
        assertProblem(mvc.perform(get("/api/admin/parked-saga-events").param("limit", "501")), 400,
                "validation-failed")
                .andExpect(onlyInvalidField("limit"));

        verifyNoInteractions(queryGateway);
    }
}
