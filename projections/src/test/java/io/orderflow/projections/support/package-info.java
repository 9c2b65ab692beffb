/** Tests of the event metadata, the choice of feed, and the test event feed. */
package io.orderflow.projections.support;
