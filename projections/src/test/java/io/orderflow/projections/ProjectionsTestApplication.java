package io.orderflow.projections;

import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The test-only Spring Boot configuration of this module. Axon's JPA storage (event store, token
 * store, sagas) belongs to the application, so its auto-configuration is left out here; tests that
 * run Axon declare in-memory storage themselves.
 */
@SpringBootApplication(exclude = {JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class})
public class ProjectionsTestApplication {
}
