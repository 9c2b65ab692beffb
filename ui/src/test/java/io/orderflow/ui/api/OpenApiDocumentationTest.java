package io.orderflow.ui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.orderflow.write.simulation.SimulationControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springdoc.webmvc.ui.SwaggerConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Loads springdoc over all of the API's controllers and checks the served description against the handler
 * mappings: every endpoint is documented, with a summary and its error answers as problem+json.
 */
@ApiWebMvcTest
@ImportAutoConfiguration({
    SpringDocConfiguration.class,
    SpringDocConfigProperties.class,
    SpringDocWebMvcConfiguration.class,
    SwaggerConfig.class,
    SwaggerUiConfigProperties.class,
    SwaggerUiOAuthProperties.class
})
@MockitoBean(types = SimulationControl.class)
class OpenApiDocumentationTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Autowired
    private MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    private JsonNode apiDocs;

    @BeforeEach
    void loadApiDocs() throws Exception {
        String json = mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        apiDocs = new ObjectMapper().readTree(json);
    }

    @Test
    void documentsEveryEndpointOfTheApiWithASummary() {
        List<String> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : handlerMapping.getHandlerMethods().entrySet()) {
            if (!mapping.getValue().getBeanType().getPackageName().startsWith("io.orderflow.ui")) {
                continue;
            }
            Set<String> paths = mapping.getKey().getPatternValues();
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            assertThat(methods).as("HTTP methods of %s", mapping.getValue()).isNotEmpty();
            for (String path : paths) {
                for (RequestMethod method : methods) {
                    String verb = method.name().toLowerCase(Locale.ROOT);
                    endpoints.add(verb + " " + path);
                    JsonNode operation = apiDocs.path("paths").path(path).path(verb);
                    assertThat(operation.isObject()).as("%s %s is documented", verb, path).isTrue();
                    assertThat(operation.path("summary").asText()).as("summary of %s %s", verb, path).isNotBlank();
                }
            }
        }
        assertThat(endpoints).contains(
                "post /api/orders", "get /api/orders", "get /api/orders/{id}", "post /api/orders/{id}/cancel",
                "get /api/products", "get /api/products/{sku}", "post /api/products",
                "post /api/products/{sku}/restock", "get /api/admin/parked-saga-events",
                "get /api/admin/simulation", "put /api/admin/simulation");
    }

    @Test
    void documentsErrorAnswersAsProblemJson() {
        JsonNode placeOrder = apiDocs.path("paths").path("/api/orders").path("post").path("responses");
        assertThat(placeOrder.has("202")).isTrue();
        for (String status : List.of("400", "409", "422", "500", "503")) {
            JsonNode schema = placeOrder.path(status).path("content").path(PROBLEM_JSON).path("schema");
            assertThat(schema.path("$ref").asText()).as("schema of %s", status)
                    .isEqualTo("#/components/schemas/Problem");
        }
        JsonNode problem = apiDocs.path("components").path("schemas").path("Problem").path("properties");
        assertThat(problem.has("type")).isTrue();
        assertThat(problem.has("code")).isTrue();
        assertThat(problem.has("errors")).isTrue();
        assertThat(problem.has("correlationId")).isTrue();
    }

    @Test
    void documentsIdentifiersAsTheStringsTheyAreOnTheWire() {
        JsonNode orderDetails = apiDocs.path("components").path("schemas").path("OrderDetails").path("properties");
        assertThat(orderDetails.path("orderId").path("type").asText()).isEqualTo("string");
        assertThat(orderDetails.path("orderId").path("format").asText()).isEqualTo("uuid");
        assertThat(orderDetails.path("customerId").path("type").asText()).isEqualTo("string");
    }

    @Test
    void servesSwaggerUi() throws Exception {
        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection());
    }
}
