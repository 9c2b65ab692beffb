/** Value types and error codes shared by all bounded contexts. */
package io.orderflow.api.common;
