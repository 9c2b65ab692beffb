package io.orderflow.projections;

import io.orderflow.projections.inventory.ProductStockUpdater;
import io.orderflow.projections.order.OrderViewSequencingPolicy;
import io.orderflow.projections.order.OrderViewUpdater;
import io.orderflow.projections.support.ConditionalOnReadModelFeed;
import io.orderflow.projections.support.ReadModelFeed;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The event processors of the read models, one processing group per read model:
 *
 * <ul>
 *   <li>{@value OrderViewUpdater#PROCESSOR}: a pooled streaming processor on the event store,
 *       sequenced by order id, because the events of one order come from four aggregates;</li>
 *   <li>{@value ProductStockUpdater#PROCESSOR}: a pooled streaming processor on the event store,
 *       sequenced per aggregate (per SKU).</li>
 * </ul>
 *
 * <p>Both propagate handler errors: the batch rolls back and is retried, so a read model never
 * silently skips an event (Axon's default would log and move on). Tokens live in whatever
 * {@code TokenStore} the application declares.
 *
 * <p>Active only while the Axon feed is chosen ({@code orderflow.projections.feed=axon} or
 * {@code orderflow.projections.axon-feed.enabled=true}, see {@link ReadModelFeed}); by default the
 * read models are fed from Kafka ({@code io.orderflow.projections.kafka}).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionsFeedProperties.class)
@ConditionalOnReadModelFeed(ReadModelFeed.AXON)
public class ProjectionsConfiguration {

    /** Registers the read models' processors with Axon. */
    @Bean
    public ConfigurerModule readModelProcessors(ProjectionsFeedProperties properties) {
        return configurer -> configurer.eventProcessing(processing -> {
            register(processing, OrderViewUpdater.PROCESSOR, properties);
            processing.registerSequencingPolicy(OrderViewUpdater.PROCESSOR, config -> new OrderViewSequencingPolicy());
            register(processing, ProductStockUpdater.PROCESSOR, properties);
            processing.registerSequencingPolicy(ProductStockUpdater.PROCESSOR,
                    config -> SequentialPerAggregatePolicy.instance());
        });
    }

    private static void register(EventProcessingConfigurer processing, String group, ProjectionsFeedProperties properties) {
        processing.registerPooledStreamingEventProcessor(
                group,
                Configuration::eventStore,
                (config, builder) -> builder
                        .batchSize(properties.batchSize())
                        .initialSegmentCount(properties.initialSegmentCount()));
        processing.registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
    }
}
