package io.orderflow.ui.api;

import io.orderflow.api.inventory.Sku;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.ui.api.problem.ApiProblem;
import io.orderflow.ui.api.problem.ProblemResponsesCustomizer;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import java.util.Map;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the API, served by springdoc at {@code /v3/api-docs} with Swagger UI at
 * {@code /swagger-ui.html}: identifiers documented as the strings they are on the wire, and the
 * {@code Problem} schema every error answer refers to.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(OrderId.class, new UUIDSchema().description("Order id"))
                .replaceWithSchema(PaymentId.class, new UUIDSchema().description("Payment id"))
                .replaceWithSchema(ShipmentId.class, new UUIDSchema().description("Shipment id"))
                .replaceWithSchema(CustomerId.class, new StringSchema().description("Customer id").example("customer-42"))
                .replaceWithSchema(Sku.class, new StringSchema().description("Stock keeping unit")
                        .pattern("^[A-Z0-9][A-Z0-9-]{0,63}$").example("BOOK-1"));
    }

    /**
     * The description's header and the problem schema.
     *
     * @return the base OpenAPI model springdoc completes
     */
    @Bean
    public OpenAPI orderflowOpenApi() {
        Map<String, Schema> problemSchemas = ModelConverters.getInstance(true)
                .readAll(new AnnotatedType(ApiProblem.class));
        Components components = new Components();
        problemSchemas.forEach(components::addSchemas);
        return new OpenAPI()
                .info(new Info()
                        .title("Orderflow API")
                        .version("v1")
                        .description("Places and cancels orders, manages the product catalogue and lets operators "
                                + "inspect and steer the fulfilment saga. Commands are accepted asynchronously "
                                + "(202); errors are RFC 9457 problem details. Every request may carry an "
                                + "X-Correlation-Id header, which is echoed and attached to the commands it causes."))
                .components(components);
    }

    /**
     * Documents the problem responses of every operation.
     *
     * @return the operation customizer
     */
    @Bean
    public ProblemResponsesCustomizer problemResponsesCustomizer() {
        return new ProblemResponsesCustomizer();
    }
}
