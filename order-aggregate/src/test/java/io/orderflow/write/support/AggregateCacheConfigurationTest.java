package io.orderflow.write.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.support.caching.BoundedLruCache;
import io.orderflow.write.inventory.Product;
import io.orderflow.write.order.Order;
import io.orderflow.write.payment.Payment;
import io.orderflow.write.shipping.Shipment;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AggregateCacheConfigurationTest {

    private static final String[] CACHES = {AggregateCacheConfiguration.ORDER_CACHE,
            AggregateCacheConfiguration.PRODUCT_CACHE, AggregateCacheConfiguration.PAYMENT_CACHE,
            AggregateCacheConfiguration.SHIPMENT_CACHE};

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AggregateCacheConfiguration.class);

    @Test
    void eachAggregateNamesItsOwnCache() {
        Map<Class<?>, String> cacheOf = Map.of(Order.class, AggregateCacheConfiguration.ORDER_CACHE,
                Product.class, AggregateCacheConfiguration.PRODUCT_CACHE,
                Payment.class, AggregateCacheConfiguration.PAYMENT_CACHE,
                Shipment.class, AggregateCacheConfiguration.SHIPMENT_CACHE);

        cacheOf.forEach((aggregate, cache) ->
                assertThat(aggregate.getAnnotation(Aggregate.class).cache()).as(aggregate.getSimpleName())
                        .isEqualTo(cache));
    }

    @Test
    void givesEachAggregateTypeItsOwnBoundedCacheByDefault() {
        context.run(ctx -> {
            assertThat(ctx.getBeansOfType(Cache.class)).containsOnlyKeys(CACHES);
            assertThat(ctx.getBeansOfType(Cache.class).values())
                    .allSatisfy(cache -> assertThat(cache).isInstanceOf(BoundedLruCache.class))
                    .doesNotHaveDuplicates();
        });
    }

    @Test
    void boundsEachCacheByTheConfiguredNumberOfEntries() {
        context.withPropertyValues("orderflow.write.aggregate-cache.max-entries=2").run(ctx -> {
            Cache orders = ctx.getBean(AggregateCacheConfiguration.ORDER_CACHE, Cache.class);
            orders.put("order-1", "state");
            orders.put("order-2", "state");
            orders.put("order-3", "state");

            assertThat(((BoundedLruCache) orders).size()).isEqualTo(2);
        });
    }

    @Test
    void cachesNothingWhenDisabled() {
        context.withPropertyValues("orderflow.write.aggregate-cache.enabled=false").run(ctx ->
                assertThat(ctx.getBeansOfType(Cache.class).values())
                        .hasSize(4)
                        .allSatisfy(cache -> assertThat(cache).isSameAs(NoCache.INSTANCE)));
    }

    @Test
    void refusesToStartWithABoundBelowOne() {
        context.withPropertyValues("orderflow.write.aggregate-cache.max-entries=0").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasRootCauseMessage(
                        "orderflow.write.aggregate-cache.max-entries must be at least 1: 0"));
    }
}
