package io.orderflow.ui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.ui.api.order.OrderController;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@ApiWebMvcTest(OrderController.class)
class CorrelationIdTest {

    private static final String ORDER = """
            {"customerId": "customer-42", "currency": "EUR",
             "shippingAddress": {"name": "Ada", "street": "Street 1", "city": "London", "postalCode": "SW1", "country": "GB"},
             "lines": [{"sku": "BOOK-1", "quantity": 1, "unitPrice": 9.99}]}
            """;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void echoesTheClientsCorrelationIdAndAttachesItToTheCommand() throws Exception {
        mvc.perform(post("/api/orders")
                        .header(CorrelationIdFilter.HEADER, "checkout-7f3a.2_b")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ORDER))
                .andExpect(status().isAccepted())
                .andExpect(header().string(CorrelationIdFilter.HEADER, "checkout-7f3a.2_b"));

        assertThat(sentCommand().getMetaData()).containsEntry("correlationId", "checkout-7f3a.2_b");
    }

    @Test
    void generatesACorrelationIdWhenTheRequestHasNone() throws Exception {
        MvcResult result = mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isAccepted())
                .andReturn();

        String generated = result.getResponse().getHeader(CorrelationIdFilter.HEADER);
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(sentCommand().getMetaData()).containsEntry("correlationId", generated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "<script>"})
    void replacesAnUnacceptableCorrelationId(String supplied) throws Exception {
        MvcResult result = mvc.perform(post("/api/orders")
                        .header(CorrelationIdFilter.HEADER, supplied)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ORDER))
                .andExpect(status().isAccepted())
                .andReturn();

        String used = result.getResponse().getHeader(CorrelationIdFilter.HEADER);
        assertThat(used).isNotEqualTo(supplied);
        assertThat(UUID.fromString(used)).isNotNull();
        assertThat(sentCommand().getMetaData()).containsEntry("correlationId", used);
    }

    @Test
    void replacesACorrelationIdLongerThan128Characters() throws Exception {
        String tooLong = "a".repeat(129);

        MvcResult result = mvc.perform(get("/api/orders/{id}", "not-a-uuid").header(CorrelationIdFilter.HEADER, tooLong))
                .andReturn();

        assertThat(result.getResponse().getHeader(CorrelationIdFilter.HEADER)).isNotEqualTo(tooLong);
        assertThat(CorrelationIdFilter.isAcceptable("a".repeat(128))).isTrue();
    }

    @Test
    void putsTheCorrelationIdIntoProblems() throws Exception {
        mvc.perform(get("/api/orders/{id}", "not-a-uuid").header(CorrelationIdFilter.HEADER, "req-1"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(CorrelationIdFilter.HEADER, "req-1"))
                .andExpect(jsonPath("$.correlationId").value("req-1"));
    }

    @Test
    void putsTheCorrelationIdIntoProblemsOfRefusedOversizedBodies() throws Exception {
        mvc.perform(post("/api/orders")
                        .header(CorrelationIdFilter.HEADER, "req-2")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"padding\": \"" + "x".repeat(70_000) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(CorrelationIdFilter.HEADER, "req-2"))
                .andExpect(jsonPath("$.correlationId").value("req-2"));
    }

    @Test
    void clearsTheMdcAfterTheRequest() throws Exception {
        mvc.perform(get("/api/orders/{id}", "not-a-uuid").header(CorrelationIdFilter.HEADER, "req-3"));

        assertThat(MDC.get(CorrelationIdFilter.MDC_KEY)).isNull();
    }

    private CommandMessage<?> sentCommand() {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commandGateway).sendAndWait(sent.capture(), anyLong(), any(TimeUnit.class));
        return (CommandMessage<?>) sent.getValue();
    }
}
