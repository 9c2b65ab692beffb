/** End-to-end tests of the running application: REST in, saga through every path, read models out, restarts. */
package io.orderflow.app.flow;
