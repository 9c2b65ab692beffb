package io.orderflow.ui.api.admin;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.operations.DeadLetterReplayOutcome;
import io.orderflow.api.operations.DeadLetters;
import io.orderflow.api.operations.FindDeadLettersQuery;
import io.orderflow.api.operations.ReplayDeadLetterCommand;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@ApiWebMvcTest(DeadLetterController.class)
class DeadLetterEndpointsTest {

    private static final String GROUP = "orderflow.projections.order-view";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private QueryGateway queryGateway;

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void listsTheDeadLettersOfAGroupWithTheirError() throws Exception {
        DeadLetters letters = new DeadLetters(GROUP, List.of(GROUP, "orderflow.projections.product-stock"),
                List.of(new DeadLetters.Entry("orderflow.events." + GROUP + ".DLT", 2, 17, "order-1", "event-9",
                        "PaymentRefundedEvent", Instant.parse("2026-11-26T10:15:30Z"), Instant.parse("2026-11-26T10:15:31Z"),
                        "java.lang.IllegalStateException", "view row locked", false)));
        when(queryGateway.query(eq(new FindDeadLettersQuery(GROUP, 100)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(letters));

        mvc.perform(get("/api/admin/dead-letters").param("group", GROUP))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.groups.length()").value(2))
                .andExpect(jsonPath("$.entries[0].offset").value(17))
                .andExpect(jsonPath("$.entries[0].eventType").value("PaymentRefundedEvent"))
                .andExpect(jsonPath("$.entries[0].exceptionMessage").value("view row locked"))
                .andExpect(jsonPath("$.entries[0].replayed").value(false));
    }

    @Test
    void replaysOneDeadLetterByItsPosition() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenReturn(new DeadLetterReplayOutcome(GROUP, 2, 17, "REPLAYED", "event-9"));

        mvc.perform(post("/api/admin/dead-letters/{group}/2/17/replay", GROUP))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("REPLAYED"))
                .andExpect(jsonPath("$.eventId").value("event-9"));

        ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(commandGateway).sendAndWait(sent.capture(), anyLong(), any(TimeUnit.class));
        assertThat(sent.getValue().getPayload()).isEqualTo(new ReplayDeadLetterCommand(GROUP, 2, 17));
    }

    @Test
    void refusesANegativeOffsetWithoutSendingAnything() throws Exception {
        assertProblem(mvc.perform(post("/api/admin/dead-letters/{group}/0/-1/replay", GROUP)), 400, "validation-failed");

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesAMalformedGroupWithoutAskingAnything() throws Exception {
        assertProblem(mvc.perform(get("/api/admin/dead-letters").param("group", "no spaces allowed")), 400,
                "validation-failed");

        verifyNoInteractions(queryGateway);
    }
}
