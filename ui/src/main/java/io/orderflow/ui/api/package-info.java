/** The REST command API: web configuration, correlation ids, request limits and the gateways' only callers. */
package io.orderflow.ui.api;
