/** A test-only event with a fictional history of three revisions, its upcasters and their golden-JSON tests. */
package io.orderflow.schema.upcasting.example;
