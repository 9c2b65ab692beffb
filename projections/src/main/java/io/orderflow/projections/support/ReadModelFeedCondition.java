package io.orderflow.projections.support;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition behind {@link ConditionalOnReadModelFeed}. */
class ReadModelFeedCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnReadModelFeed.class.getName());
        ReadModelFeed feed = (ReadModelFeed) attributes.get("value");
        Set<ReadModelFeed> active = ReadModelFeed.active(context.getEnvironment());
        return active.contains(feed)
                ? ConditionOutcome.match("read-model feed " + feed + " is active (active: " + active + ")")
                : ConditionOutcome.noMatch("read-model feed " + feed + " is not active (active: " + active + ")");
    }
}
