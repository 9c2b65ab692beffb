/**
 * Cross-cutting pieces of the write side: domain exceptions, the command-bus interceptor that turns
 * them into {@link io.orderflow.api.common.BusinessError} data, bounded retries for calls to
 * external systems, and the caches of the aggregate repositories.
 */
package io.orderflow.write.support;
