/** In-memory caching of saga instances and their associations, safe against rolled-back units of work. */
package io.orderflow.saga.caching;
