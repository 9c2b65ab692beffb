package io.orderflow.ui.api.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.ui.api.ApiWebMvcTest;
import io.orderflow.write.simulation.SimulationControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI description of schema discovery and of the backbone status. */
@ApiWebMvcTest
@ImportAutoConfiguration({SpringDocConfiguration.class, SpringDocConfigProperties.class, SpringDocWebMvcConfiguration.class})
@MockitoBean(types = SimulationControl.class)
class SchemaAndBackboneApiDocumentationTest {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Autowired
    private MockMvc mvc;

    private JsonNode paths;

    @BeforeEach
    void loadApiDocs() throws Exception {
        String json = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        paths = new ObjectMapper().readTree(json).path("paths");
    }

    @Test
    void documentsSchemasAsSchemaJsonAndUnknownOnesAsNotFoundProblems() {
        JsonNode revision = paths.path("/api/schemas/{eventType}/v{revision}").path("get").path("responses");
        JsonNode latest = paths.path("/api/schemas/{eventType}").path("get").path("responses");

        assertThat(revision.path("200").path("content").has("application/schema+json")).isTrue();
        assertThat(revision.path("404").path("content").path("application/problem+json").path("schema")
                .path("$ref").asText()).isEqualTo(PROBLEM);
        assertThat(latest.path("200").path("content").has("application/schema+json")).isTrue();
        assertThat(latest.path("404").path("content").path("application/problem+json").path("schema")
                .path("$ref").asText()).isEqualTo(PROBLEM);
        assertThat(paths.path("/api/schemas").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/EventSchemaIndex");
    }

    @Test
    void documentsTheBackboneStatusWithItsTimeoutProblem() {
        JsonNode responses = paths.path("/api/admin/backbone").path("get").path("responses");

        assertThat(responses.path("200").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/BackboneStatus");
        assertThat(responses.path("503").path("content").path("application/problem+json").path("schema")
                .path("$ref").asText()).isEqualTo(PROBLEM);
    }
}
