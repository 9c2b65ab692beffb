/** Web-layer tests of schema discovery. */
package io.orderflow.ui.api.schema;
