/** The result of a run and its three renderings: a summary line, a JSON document and a CSV row. */
package io.orderflow.bench.report;
