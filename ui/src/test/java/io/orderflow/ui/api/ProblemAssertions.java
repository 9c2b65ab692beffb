package io.orderflow.ui.api;

import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/** Assertions on RFC 9457 problem answers shared by the web-layer tests. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /**
     * Asserts a problem+json answer with the given status and problem type slug.
     *
     * @param result the MockMvc result
     * @param status the expected HTTP status
     * @param type   the expected type slug, for example {@code unknown-sku}
     * @return the result, for further assertions
     * @throws Exception if MockMvc fails
     */
    public static ResultActions assertProblem(ResultActions result, int status, String type) throws Exception {
        return result
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").value("https://orderflow.io/problems/" + type))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.correlationId").isNotEmpty());
    }

    /**
     * Matches a validation problem whose errors all name the given input (one or more messages about it).
     *
     * @param field the expected field, parameter or header name
     * @return the matcher
     */
    public static ResultMatcher onlyInvalidField(String field) {
        return ResultMatcher.matchAll(
                jsonPath("$.errors").isNotEmpty(),
                jsonPath("$.errors[*].field", everyItem(equalTo(field))),
                jsonPath("$.errors[*].message", everyItem(not(emptyOrNullString()))));
    }
}
