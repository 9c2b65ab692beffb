/** Axon infrastructure without domain: a bounded LRU {@link org.axonframework.common.caching.Cache} for aggregates and sagas. */
package io.orderflow.support.caching;
