package io.orderflow.ui.api.schema;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.ui.api.ApiWebMvcTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Schema discovery over the application's own schemas, the ones core-api ships. */
@ApiWebMvcTest(SchemaController.class)
class SchemaEndpointsTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void listsEveryEventTypeWithItsRevisionsCompatibilityModeAndLinks() throws Exception {
        mvc.perform(get("/api/schemas"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.eventTypes[*].eventType",
                        hasItems("OrderPlacedEvent", "OrderCompletedEvent", "PaymentAuthorizedEvent", "StockReservedEvent")))
                .andExpect(jsonPath("$.eventTypes[?(@.eventType == 'OrderPlacedEvent')].compatibility")
                        .value("BACKWARD"))
                .andExpect(jsonPath("$.eventTypes[?(@.eventType == 'OrderPlacedEvent')].latestRevision").value(1))
                .andExpect(jsonPath("$.eventTypes[?(@.eventType == 'OrderPlacedEvent')].latest")
                        .value("/api/schemas/OrderPlacedEvent"))
                .andExpect(jsonPath("$.eventTypes[?(@.eventType == 'OrderPlacedEvent')].description")
                        .value("An order was accepted for fulfilment. Starts the fulfilment saga."))
                .andExpect(jsonPath("$.eventTypes[?(@.eventType == 'OrderPlacedEvent')].revisions[0].href")
                        .value("/api/schemas/OrderPlacedEvent/v1"))
                .andExpect(jsonPath("$.eventTypes[?(@.eventType == 'OrderPlacedEvent')].revisions[0].schemaId")
                        .value("urn:orderflow:event:OrderPlacedEvent:1"));
    }

    @Test
    void servesARevisionAsSchemaJsonExactlyAsCoreApiShipsIt() throws Exception {
        String served = mvc.perform(get("/api/schemas/OrderPlacedEvent/v1"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/schema+json"))
                .andExpect(header().string("Cache-Control", "max-age=3600, public"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(served).isEqualTo(shipped("schemas/OrderPlacedEvent/v1.schema.json"));
    }

    @Test
    void servesTheNewestRevisionAndNamesItInContentLocation() throws Exception {
        mvc.perform(get("/api/schemas/OrderCompletedEvent"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/schema+json"))
                .andExpect(header().string("Content-Location", "/api/schemas/OrderCompletedEvent/v1"))
                .andExpect(jsonPath("$['$id']").value("urn:orderflow:event:OrderCompletedEvent:1"))
                .andExpect(jsonPath("$.title").value("OrderCompletedEvent"));
    }

    @Test
    void servesASchemaToAClientThatAcceptsOnlyJson() throws Exception {
        mvc.perform(get("/api/schemas/OrderCompletedEvent/v1").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("OrderCompletedEvent"));
    }

    @Test
    void answersAnUnknownEventTypeWithNotFound() throws Exception {
        assertProblem(mvc.perform(get("/api/schemas/OrderTeleportedEvent")), 404, "schema-not-found")
                .andExpect(jsonPath("$.detail").value("No event type is named OrderTeleportedEvent."));
        assertProblem(mvc.perform(get("/api/schemas/OrderTeleportedEvent/v1")), 404, "schema-not-found");
    }

    @Test
    void answersAnUnknownRevisionWithNotFound() throws Exception {
        assertProblem(mvc.perform(get("/api/schemas/OrderPlacedEvent/v99")), 404, "schema-not-found")
                .andExpect(jsonPath("$.detail").value("OrderPlacedEvent has no schema revision 99."));
    }

    @Test
    void refusesARevisionThatIsNotANumber() throws Exception {
        assertProblem(mvc.perform(get("/api/schemas/OrderPlacedEvent/vlatest")), 400, "validation-failed")
                .andExpect(onlyInvalidField("revision"));
    }

    private static String shipped(String resource) throws Exception {
        try (InputStream in = SchemaEndpointsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
