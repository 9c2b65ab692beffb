/** Tests of the saga cache and its rollback-safe saga store. */
package io.orderflow.saga.caching;
