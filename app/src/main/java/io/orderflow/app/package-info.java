/** The runnable application: its main class and the configuration that wires the modules together. */
package io.orderflow.app;
