package io.orderflow.ui.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the REST command API: its settings ({@link ApiProperties}), the command and query dispatchers,
 * the correlation-id and body-limit filters, the web tier's JSON form of identifiers and the OpenAPI
 * description. Needs a {@link CommandGateway}, a {@link QueryGateway} and an Axon
 * {@code EventStore} from the application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
@Import(OpenApiConfiguration.class)
public class ApiConfiguration implements WebMvcConfigurer {

    /** Order of the correlation-id filter: right after Spring's character-encoding filter. */
    public static final int CORRELATION_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    /** Order of the body-limit filter: after the correlation-id filter, so its problems carry the id. */
    public static final int BODY_LIMIT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    /**
     * The clock orders are placed by, unless the application provides one.
     *
     * @return the system clock in UTC
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The one place commands are sent from.
     *
     * @param commandGateway the command gateway
     * @param properties     the API settings
     * @return the dispatcher
     */
    @Bean
    public CommandDispatcher apiCommandDispatcher(CommandGateway commandGateway, ApiProperties properties) {
        return new CommandDispatcher(commandGateway, properties.commandTimeout());
    }

    /**
     * The one place queries are asked from.
     *
     * @param queryGateway the query gateway
     * @param properties   the API settings
     * @return the dispatcher
     */
    @Bean
    public QueryDispatcher apiQueryDispatcher(QueryGateway queryGateway, ApiProperties properties) {
        return new QueryDispatcher(queryGateway, properties.queryTimeout());
    }

    /**
     * The correlation-id filter, for every request and dispatch.
     *
     * @return its registration
     */
    @Bean
    public FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration =
                new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setName("correlationIdFilter");
        registration.setOrder(CORRELATION_FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    /**
     * The body-limit filter.
     *
     * @param properties   the API settings
     * @param objectMapper writes its problem answers
     * @return its registration
     */
    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(ApiProperties properties,
            ObjectMapper objectMapper) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxBodyBytes(), objectMapper));
        registration.setName("requestBodyLimitFilter");
        registration.setOrder(BODY_LIMIT_FILTER_ORDER);
        return registration;
    }

    /**
     * Gives Spring MVC's JSON converter its own copy of the application's {@code ObjectMapper}: identifiers
     * as bare values ({@link IdentifierJsonModule}) and no silent truncation of {@code 1.5} to an integer.
     * The shared mapper, which Axon serializes events with, is left as it is.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i).getClass() == MappingJackson2HttpMessageConverter.class) {
                MappingJackson2HttpMessageConverter shared = (MappingJackson2HttpMessageConverter) converters.get(i);
                ObjectMapper webMapper = shared.getObjectMapper().copy()
                        .registerModule(new IdentifierJsonModule())
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
                converters.set(i, new MappingJackson2HttpMessageConverter(webMapper));
            }
        }
    }
}
