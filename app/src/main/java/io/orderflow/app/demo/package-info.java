/** Demo data for the zero-setup run: a small product catalogue registered through the command gateway. */
package io.orderflow.app.demo;
