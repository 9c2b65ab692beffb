package io.orderflow.ui.api.schema;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.ui.api.ApiWebMvcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;

/** Schema discovery over an event type with two revisions and its own compatibility mode. */
@ApiWebMvcTest(SchemaController.class)
@Import(SchemaRevisionsEndpointTest.TwoRevisions.class)
class SchemaRevisionsEndpointTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void listsEveryRevisionOldestFirstWithTheEventTypesOwnCompatibilityMode() throws Exception {
        mvc.perform(get("/api/schemas"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventTypes.length()").value(1))
                .andExpect(jsonPath("$.eventTypes[0].eventType").value("ExampleShippedEvent"))
                .andExpect(jsonPath("$.eventTypes[0].compatibility").value("FULL"))
                .andExpect(jsonPath("$.eventTypes[0].latestRevision").value(2))
                .andExpect(jsonPath("$.eventTypes[0].description").value("An example event, revision 2: with a carrier."))
                .andExpect(jsonPath("$.eventTypes[0].revisions[0].revision").value(1))
                .andExpect(jsonPath("$.eventTypes[0].revisions[0].href").value("/api/schemas/ExampleShippedEvent/v1"))
                .andExpect(jsonPath("$.eventTypes[0].revisions[1].revision").value(2))
                .andExpect(jsonPath("$.eventTypes[0].revisions[1].schemaId").value("urn:orderflow:event:ExampleShippedEvent:2"));
    }

    @Test
    void servesTheNewestRevisionAsTheLatest() throws Exception {
        mvc.perform(get("/api/schemas/ExampleShippedEvent"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Location", "/api/schemas/ExampleShippedEvent/v2"))
                .andExpect(jsonPath("$['$id']").value("urn:orderflow:event:ExampleShippedEvent:2"));
    }

    @Test
    void keepsServingOlderRevisions() throws Exception {
        mvc.perform(get("/api/schemas/ExampleShippedEvent/v1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$['$id']").value("urn:orderflow:event:ExampleShippedEvent:1"))
                .andExpect(jsonPath("$.properties.carrier").doesNotExist());
    }

    /** The catalogue of {@code src/test/resources/test-schemas}. */
    @TestConfiguration
    static class TwoRevisions {

        @Bean
        EventSchemaCatalogue testSchemaCatalogue() {
            return EventSchemaCatalogue.fromClasspath(new PathMatchingResourcePatternResolver(), "test-schemas");
        }
    }
}
