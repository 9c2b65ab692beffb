package io.orderflow.ui.api.order;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.ReasonCode;
import io.orderflow.api.order.RequestOrderCancellationCommand;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ApiWebMvcTest(OrderController.class)
class CancelOrderEndpointTest {

    private static final OrderId ORDER = OrderId.of("3f0c9d1e-7a55-4f0e-8d0e-4b1de2a7b9c1");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void requestsCancellationOnBehalfOfTheCustomer() throws Exception {
        mvc.perform(post("/api/orders/{id}/cancel", ORDER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"Ordered by mistake\"}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/orders/" + ORDER))
                .andExpect(jsonPath("$.orderId").value(ORDER.toString()))
                .andExpect(jsonPath("$.status").value("CANCELLATION_REQUESTED"));

        assertThat(sentCommand())
                .isEqualTo(new RequestOrderCancellationCommand(ORDER, ReasonCode.CUSTOMER_CANCELLED, "Ordered by mistake"));
    }

    @Test
    void requestsCancellationWithoutABody() throws Exception {
        mvc.perform(post("/api/orders/{id}/cancel", ORDER))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/orders/" + ORDER));

        assertThat(sentCommand())
                .isEqualTo(new RequestOrderCancellationCommand(ORDER, ReasonCode.CUSTOMER_CANCELLED, null));
    }

    @Test
    void answersAnUnknownOrderWithNotFound() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.ORDER_NOT_FOUND, "Order does not exist"));

        assertProblem(mvc.perform(post("/api/orders/{id}/cancel", ORDER)), 404, "order-not-found")
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
    }

    @Test
    void answersAnOrderTheRepositoryCannotFindWithNotFound() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(new AggregateNotFoundException(ORDER.toString(), "The aggregate was not found"));

        assertProblem(mvc.perform(post("/api/orders/{id}/cancel", ORDER)), 404, "order-not-found")
                .andExpect(jsonPath("$.code").value("ORDER_NOT_FOUND"));
    }

    @Test
    void answersAShippedOrderWithConflict() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.CANCELLATION_NOT_ALLOWED, "The shipment is scheduled"));

        assertProblem(mvc.perform(post("/api/orders/{id}/cancel", ORDER)), 409, "cancellation-not-allowed")
                .andExpect(jsonPath("$.code").value("CANCELLATION_NOT_ALLOWED"))
                .andExpect(jsonPath("$.detail").value("The shipment is scheduled"));
    }

    @Test
    void answersAnOrderAlreadyCancelledWithConflict() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.INVALID_ORDER_TRANSITION, "The order is cancelled"));

        assertProblem(mvc.perform(post("/api/orders/{id}/cancel", ORDER)), 409, "invalid-order-transition")
                .andExpect(jsonPath("$.code").value("INVALID_ORDER_TRANSITION"));
    }

    @Test
    void refusesACommentLongerThan500Characters() throws Exception {
        assertProblem(mvc.perform(post("/api/orders/{id}/cancel", ORDER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\": \"" + "x".repeat(501) + "\"}")), 400, "validation-failed")
                .andExpect(onlyInvalidField("comment"));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesAMalformedOrderId() throws Exception {
        assertProblem(mvc.perform(post("/api/orders/{id}/cancel", "42")), 400, "validation-failed")
                .andExpect(onlyInvalidField("id"));

        verifyNoInteractions(commandGateway);
    }

    private RequestOrderCancellationCommand sentCommand() {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commandGateway).sendAndWait(sent.capture(), anyLong(), any(TimeUnit.class));
        return (RequestOrderCancellationCommand) ((CommandMessage<?>) sent.getValue()).getPayload();
    }

    private static CommandExecutionException refused(ErrorCode code, String message) {
        return new CommandExecutionException(message, null, new BusinessError(code, message));
    }
}
