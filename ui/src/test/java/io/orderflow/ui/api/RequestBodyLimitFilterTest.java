package io.orderflow.ui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.ui.api.problem.RequestBodyTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodyLimitFilterTest {

    private static final int LIMIT = 100;

    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(LIMIT, json);

    @Test
    void refusesABodyWhoseContentLengthExceedsTheLimitWithoutCallingTheChain() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
        request.setContent(new byte[LIMIT + 1]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<ServletRequest> reached = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> reached.set(req));

        assertThat(reached.get()).isNull();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("type").asText()).isEqualTo("https://orderflow.io/problems/request-body-too-large");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("instance").asText()).isEqualTo("/api/orders");
    }

    @Test
    void passesABodyOfExactlyTheLimit() throws Exception {
        MockHttpServletRequest request = chunked(LIMIT);
        AtomicReference<byte[]> read = new AtomicReference<>();

        filter.doFilter(request, new MockHttpServletResponse(),
                (req, res) -> read.set(req.getInputStream().readAllBytes()));

        assertThat(read.get()).hasSize(LIMIT);
    }

    @Test
    void capsAChunkedBodyThatGrowsBeyondTheLimit() {
        MockHttpServletRequest request = chunked(LIMIT + 1);
        FilterChain readAll = (req, res) -> req.getInputStream().readAllBytes();

        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), readAll))
                .isInstanceOf(RequestBodyTooLargeException.class);
    }

    @Test
    void capsAChunkedBodyReadThroughTheReader() {
        MockHttpServletRequest request = chunked(LIMIT + 1);
        FilterChain readAll = (req, res) -> {
            BufferedReader reader = req.getReader();
            while (reader.read() >= 0) {
                // drain
            }
        };

        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), readAll))
                .isInstanceOf(RequestBodyTooLargeException.class);
    }

    /** A request without Content-Length, as a chunked upload arrives. */
    private static MockHttpServletRequest chunked(int size) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders") {
            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent("x".repeat(size).getBytes(StandardCharsets.UTF_8));
        request.setCharacterEncoding("UTF-8");
        return request;
    }
}
