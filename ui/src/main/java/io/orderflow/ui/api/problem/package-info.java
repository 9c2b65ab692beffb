/** RFC 9457 problem details: how every failure of the API, from a bad field to a refused command, reaches the client. */
package io.orderflow.ui.api.problem;
