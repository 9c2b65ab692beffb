package io.orderflow.ui.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the client's {@value #HEADER} when it is 1 to 128 characters of
 * {@code [A-Za-z0-9._-]}, a random UUID otherwise. The id is in the SLF4J MDC as {@value #MDC_KEY} while
 * the request runs, is echoed in the response header, and travels with every command the API sends (see
 * {@link CommandDispatcher}).
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    /** The request and response header. */
    public static final String HEADER = "X-Correlation-Id";

    /** The MDC key, also the metadata key of the commands the API sends. */
    public static final String MDC_KEY = "correlationId";

    /** The request attribute holding the id, so that async and error dispatches reuse it. */
    public static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".correlationId";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /**
     * The correlation id of the request being handled on this thread.
     *
     * @return the id, empty outside a request
     */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    /**
     * Whether a client-supplied correlation id is accepted as is.
     *
     * @param candidate the header value, may be {@code null}
     * @return {@code true} if it is 1 to 128 characters of {@code [A-Za-z0-9._-]}
     */
    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = correlationIdOf(request);
        request.setAttribute(ATTRIBUTE, correlationId);
        response.setHeader(HEADER, correlationId);
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    private static String correlationIdOf(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String id) {
            return id;
        }
        String supplied = request.getHeader(HEADER);
        return isAcceptable(supplied) ? supplied : UUID.randomUUID().toString();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
