package io.orderflow.ui.api.problem;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.ui.api.ApiWebMvcTest;
import io.orderflow.ui.api.order.OrderController;
import java.util.Collections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@ApiWebMvcTest(OrderController.class)
class ProblemDetailsTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void refusesAChunkedBodyThatExceedsTheLimitWithBadRequest() throws Exception {
        String oversized = "{\"customerId\": \"" + "x".repeat(70_000) + "\"}";

        assertProblem(mvc.perform(post("/api/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(oversized)
                        .with(withoutContentLength())), 400, "request-body-too-large");

        verifyNoInteractions(commandGateway);
    }

    @Test
    void answersProblemJsonEvenWhenTheClientOnlyAcceptsJson() throws Exception {
        mvc.perform(get("/api/orders/{id}", "nope").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answersAnUnknownPathWithProblem() throws Exception {
        mvc.perform(get("/api/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
    }

    @Test
    void answersAnUnsupportedMethodWithProblem() throws Exception {
        mvc.perform(put("/api/orders"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answersAnUnsupportedContentTypeWithProblem() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.TEXT_PLAIN).content("an order, please"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        verifyNoInteractions(commandGateway);
    }

    /** Re-issues the request without a Content-Length, as a chunked upload arrives. */
    private static RequestPostProcessor withoutContentLength() {
        return original -> {
            MockHttpServletRequest chunked = new MockHttpServletRequest(original.getServletContext(),
                    original.getMethod(), original.getRequestURI()) {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
            chunked.setContent(original.getContentAsByteArray());
            chunked.setContentType(original.getContentType());
            chunked.setCharacterEncoding("UTF-8");
            for (String name : Collections.list(original.getHeaderNames())) {
                if (!"Content-Length".equalsIgnoreCase(name)) {
                    chunked.addHeader(name, original.getHeader(name));
                }
            }
            return chunked;
        };
    }
}
