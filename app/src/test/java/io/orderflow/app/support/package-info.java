/** Test support for integration tests: a real PostgreSQL (embedded, one server per JVM, one database per context). */
package io.orderflow.app.support;
