package io.orderflow.ui.api.problem;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, in the OpenAPI description, an error answer of an endpoint as an
 * {@code application/problem+json} response. Every operation also documents 500 without being told.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProblemResponses.class)
public @interface ProblemResponse {

    /**
     * The HTTP status.
     *
     * @return for example 404
     */
    int status();

    /**
     * When the endpoint answers with this status.
     *
     * @return a short sentence
     */
    String description();
}
