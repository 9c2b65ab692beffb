/** The benchmark command: runs a load against a running orderflow application and reports what it measured. */
package io.orderflow.bench;
