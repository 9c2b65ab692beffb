package io.orderflow.ui.api.admin;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.operations.BackboneStatus;
import io.orderflow.api.operations.FindBackboneStatusQuery;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@ApiWebMvcTest(BackboneController.class)
@TestPropertySource(properties = "orderflow.api.query-timeout=200ms")
class BackboneEndpointTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private QueryGateway queryGateway;

    @Test
    void showsLagsCountersAndKafkaStatus() throws Exception {
        BackboneStatus status = new BackboneStatus(12,
                List.of(new BackboneStatus.ConsumerLag("orderflow.projections.order-view", "orderflow.events", 3, 7)),
                Map.of("orderflow.projections.order-view", 1L), Map.of("order-view", 4L), "UP");
        when(queryGateway.query(eq(new FindBackboneStatusQuery()), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(status));

        mvc.perform(get("/api/admin/backbone"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.publisherLag").value(12))
                .andExpect(jsonPath("$.consumerLag[0].group").value("orderflow.projections.order-view"))
                .andExpect(jsonPath("$.consumerLag[0].topic").value("orderflow.events"))
                .andExpect(jsonPath("$.consumerLag[0].partition").value(3))
                .andExpect(jsonPath("$.consumerLag[0].lag").value(7))
                .andExpect(jsonPath("$.deadLetters['orderflow.projections.order-view']").value(1))
                .andExpect(jsonPath("$.duplicatesSkipped['order-view']").value(4))
                .andExpect(jsonPath("$.kafkaStatus").value("UP"));
    }

    @Test
    void answersAStatusThatIsNotReadInTimeAsServiceUnavailable() throws Exception {
        when(queryGateway.query(eq(new FindBackboneStatusQuery()), any(ResponseType.class)))
                .thenReturn(new CompletableFuture<>());

        assertProblem(mvc.perform(get("/api/admin/backbone")), 503, "timeout");
    }
}
