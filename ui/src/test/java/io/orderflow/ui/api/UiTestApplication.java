package io.orderflow.ui.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration root the web-layer slice tests of this module start from. */
@SpringBootApplication
public class UiTestApplication {
}
