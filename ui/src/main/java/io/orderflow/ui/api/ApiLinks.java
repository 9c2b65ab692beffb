package io.orderflow.ui.api;

import java.net.URI;
import java.util.Optional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds the links and {@code Location}s the API answers with: paths relative to the server (with the
 * servlet context path), so they stay right behind proxies that rewrite host and scheme.
 */
public final class ApiLinks {

    private ApiLinks() {
    }

    /**
     * Expands a path template for the current request's context.
     *
     * @param template  for example {@code /api/orders/{id}}
     * @param variables the values of the template variables, in order
     * @return the encoded path, for example {@code /api/orders/3f0c…}
     */
    public static String path(String template, Object... variables) {
        String contextPath = Optional.ofNullable(
                ServletUriComponentsBuilder.fromCurrentContextPath().build().getPath()).orElse("");
        return contextPath + UriComponentsBuilder.fromPath(template).encode().buildAndExpand(variables).toUriString();
    }

    /**
     * Like {@link #path(String, Object...)}, as a URI for a {@code Location} header.
     *
     * @param template  for example {@code /api/orders/{id}}
     * @param variables the values of the template variables, in order
     * @return the relative URI
     */
    public static URI location(String template, Object... variables) {
        return URI.create(path(template, variables));
    }
}
