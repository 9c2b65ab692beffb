package io.orderflow.ui.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A web-layer slice of the API: the given controllers with the API's configuration, filters and problem
 * handling, and Mockito fakes of the Axon gateways and the event store (no Axon configuration at all).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import(ApiConfiguration.class)
@MockitoBean(types = {CommandGateway.class, QueryGateway.class, EventStore.class})
public @interface ApiWebMvcTest {

    /**
     * The controllers under test.
     *
     * @return the controller classes; all when empty
     */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
