package io.orderflow.projections.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the annotated configuration or component only while the given feed drives the read
 * models (see {@link ReadModelFeed#active} for how the feed is chosen).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ReadModelFeedCondition.class)
public @interface ConditionalOnReadModelFeed {

    /** The feed the annotated bean belongs to. */
    ReadModelFeed value();
}
