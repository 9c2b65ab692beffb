/**
 * Cross-cutting pieces of the write side: domain exceptions, the command-bus interceptor that turns
 * them into {@link io.orderflow.api.common.BusinessError} data, and bounded retries for calls to
 * external systems.
 */
package io.orderflow.write.support;
