package io.orderflow.ui.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.ui.api.CorrelationIdFilter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the API into an RFC 9457 {@code application/problem+json} answer.
 *
 * <ul>
 *   <li>Invalid fields, parameters and headers: 400, type {@link ProblemTypes#VALIDATION_FAILED}, with an
 *       {@code errors} array of {@link InvalidField}s.</li>
 *   <li>Unreadable, mistyped or missing bodies: 400, type {@link ProblemTypes#MALFORMED_REQUEST}; bodies
 *       over the size limit: 400, type {@link ProblemTypes#REQUEST_BODY_TOO_LARGE}.</li>
 *   <li>A refused command, whose {@code CommandExecutionException} details hold a {@link BusinessError}:
 *       the status of its {@link ErrorCode.Kind} (422, 409, 404), the {@code code} member and a type such
 *       as {@code https://orderflow.io/problems/unknown-sku}.</li>
 *   <li>A command or query without answer in time: 503 with {@code Retry-After}.</li>
 *   <li>New work refused because the application is behind: 503, type {@link ProblemTypes#OVERLOADED},
 *       with {@code Retry-After}.</li>
 *   <li>Anything else: 500 without internals, logged at ERROR with the correlation id.</li>
 * </ul>
 *
 * <p>Every problem carries the request's {@code correlationId}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private static final long TIMEOUT_RETRY_AFTER_SECONDS = 1;

    /**
     * A refused command or failed query: a business error when the details say so, otherwise a timeout or
     * an unexpected failure.
     *
     * @param ex      the exception from the command or query gateway
     * @param request the current request
     * @return the problem response
     */
    @ExceptionHandler(HandlerExecutionException.class)
    public ResponseEntity<Object> handleHandlerExecution(HandlerExecutionException ex, WebRequest request) {
        Optional<Object> details = HandlerExecutionException.resolveDetails(ex);
        if (details.isPresent() && details.get() instanceof BusinessError error) {
            return businessError(error, request);
        }
        if (hasCause(ex, TimeoutException.class) || hasCause(ex, InterruptedException.class)) {
            return timeout(ex, request);
        }
        return unexpected(ex, request);
    }

    /**
     * A business error the API detected itself.
     *
     * @param ex      the exception
     * @param request the current request
     * @return the problem response
     */
    @ExceptionHandler(BusinessErrorException.class)
    public ResponseEntity<Object> handleBusinessError(BusinessErrorException ex, WebRequest request) {
        return businessError(ex.error(), request);
    }

    /**
     * An invalid path variable or header.
     *
     * @param ex      the exception
     * @param request the current request
     * @return the 400 problem response
     */
    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<Object> handleInvalidRequest(InvalidRequestException ex, WebRequest request) {
        return validationFailed(ex.errors(), request);
    }

    /**
     * A read-side resource that does not exist.
     *
     * @param ex      the exception
     * @param request the current request
     * @return the 404 problem response
     */
    @ExceptionHandler(ResourceNotFoundException.class)
    public ResponseEntity<Object> handleNotFound(ResourceNotFoundException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setType(ex.type());
        problem.setTitle("Not found");
        return respond(problem, new HttpHeaders(), request);
    }

    /**
     * Two requests changed the same aggregate at once (or created the same one).
     *
     * @param ex      the exception
     * @param request the current request
     * @return the 409 problem response
     */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<Object> handleConcurrency(RuntimeException ex, WebRequest request) {
        log.info("Concurrent modification: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Another request changed the same resource at the same time. Read it again and retry.");
        problem.setType(ProblemTypes.CONCURRENT_MODIFICATION);
        problem.setTitle("Concurrent modification");
        return respond(problem, new HttpHeaders(), request);
    }

    /**
     * A command or query that was not answered in time.
     *
     * @param ex      the exception
     * @param request the current request
     * @return the 503 problem response
     */
    @ExceptionHandler(DispatchTimeoutException.class)
    public ResponseEntity<Object> handleTimeout(DispatchTimeoutException ex, WebRequest request) {
        return timeout(ex, request);
    }

    /**
     * New work refused because the application is behind ({@link OverloadedException}).
     *
     * @param ex      the exception
     * @param request the current request
     * @return the 503 problem response with {@code Retry-After}
     */
    @ExceptionHandler(OverloadedException.class)
    public ResponseEntity<Object> handleOverloaded(OverloadedException ex, WebRequest request) {
        log.debug("Refused: {}", ex.getMessage());
        return serviceUnavailable(ProblemTypes.OVERLOADED, "Overloaded",
                "The service is behind and did not take the request: " + ex.getMessage()
                        + ". Nothing was done; retry it later.",
                Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000), request);
    }

    /**
     * Anything nobody expected.
     *
     * @param ex      the exception
     * @param request the current request
     * @return the 500 problem response, without internals
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        return unexpected(ex, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> errors.add(new InvalidField(e.getField(), message(e))));
        ex.getBindingResult().getGlobalErrors().forEach(e -> errors.add(new InvalidField(e.getObjectName(), message(e))));
        return validationFailed(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(e -> errors.add(new InvalidField(e.getField(), message(e))));
                parameterErrors.getGlobalErrors().forEach(
                        e -> errors.add(new InvalidField(parameterName(result.getMethodParameter()), message(e))));
            } else {
                String name = parameterName(result.getMethodParameter());
                result.getResolvableErrors().forEach(e -> errors.add(new InvalidField(name, message(e))));
            }
        });
        return validationFailed(errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? parameterName(mismatch.getParameter())
                : Optional.ofNullable(ex.getPropertyName()).orElse("value");
        return validationFailed(List.of(new InvalidField(name, expectation(ex.getRequiredType()))), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Optional<RequestBodyTooLargeException> tooLarge = cause(ex, RequestBodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return respond(bodyTooLarge(tooLarge.get().limit()), new HttpHeaders(), request);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(ProblemTypes.MALFORMED_REQUEST);
        problem.setTitle("Malformed request");
        Optional<JsonMappingException> mapping = cause(ex, JsonMappingException.class);
        if (mapping.isPresent() && !mapping.get().getPath().isEmpty()) {
            InvalidField field = new InvalidField(jsonPath(mapping.get()), mappingMessage(mapping.get()));
            problem.setDetail("The request body has an invalid value at '" + field.field() + "'.");
            problem.setProperty(ProblemTypes.ERRORS, List.of(field));
        } else if (mapping.isPresent()) {
            problem.setDetail("The request body does not have the expected shape.");
        } else if (cause(ex, JsonProcessingException.class).isPresent()) {
            problem.setDetail("The request body is not valid JSON.");
        } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            problem.setDetail("A request body is required.");
        } else {
            problem.setDetail("The request body could not be read.");
        }
        return respond(problem, new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders responseHeaders = new HttpHeaders();
        if (headers != null) {
            responseHeaders.putAll(headers);
        }
        if (body instanceof ProblemDetail problem) {
            CorrelationIdFilter.current().ifPresent(id -> problem.setProperty(ProblemTypes.CORRELATION_ID, id));
            responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return new ResponseEntity<>(body, responseHeaders, statusCode);
    }

    /**
     * The problem answered for a body over the size limit; also written by the body-limit filter.
     *
     * @param limit the limit in bytes
     * @return a 400 problem of type {@link ProblemTypes#REQUEST_BODY_TOO_LARGE}
     */
    public static ProblemDetail bodyTooLarge(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body exceeds the limit of " + limit + " bytes.");
        problem.setType(ProblemTypes.REQUEST_BODY_TOO_LARGE);
        problem.setTitle("Request body too large");
        return problem;
    }

    private ResponseEntity<Object> businessError(BusinessError error, WebRequest request) {
        HttpStatus status = statusOf(error.code().kind());
        log.debug("Business error {}: {}", error.code(), error.message());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, error.message());
        problem.setType(ProblemTypes.of(error.code()));
        problem.setTitle(titleOf(error.code()));
        problem.setProperty(ProblemTypes.CODE, error.code().name());
        return respond(problem, new HttpHeaders(), request);
    }

    private ResponseEntity<Object> validationFailed(List<InvalidField> errors, WebRequest request) {
        List<InvalidField> sorted = errors.stream()
                .sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                sorted.size() == 1 ? "1 input is invalid." : sorted.size() + " inputs are invalid.");
        problem.setType(ProblemTypes.VALIDATION_FAILED);
        problem.setTitle("Validation failed");
        problem.setProperty(ProblemTypes.ERRORS, sorted);
        return respond(problem, new HttpHeaders(), request);
    }

    private ResponseEntity<Object> timeout(Exception ex, WebRequest request) {
        log.warn("No answer in time: {}", ex.getMessage());
        return serviceUnavailable(ProblemTypes.TIMEOUT, "Timeout",
                "The request was not processed in time; its outcome is unknown. Retry it.",
                TIMEOUT_RETRY_AFTER_SECONDS, request);
    }

    private ResponseEntity<Object> serviceUnavailable(URI type, String title, String detail, long retryAfterSeconds,
                                                      WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(type);
        problem.setTitle(title);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return respond(problem, headers, request);
    }

    private ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        String correlationId = CorrelationIdFilter.current().orElse("none");
        log.error("Unexpected failure of {} [correlationId={}]", request.getDescription(false), correlationId, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. Quote the correlation id when reporting it.");
        problem.setType(ProblemTypes.INTERNAL_ERROR);
        problem.setTitle("Internal error");
        return respond(problem, new HttpHeaders(), request);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        return createResponseEntity(problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static HttpStatus statusOf(ErrorCode.Kind kind) {
        return switch (kind) {
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
    }

    private static String titleOf(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_SKU -> "Unknown SKU";
            case PRODUCT_ALREADY_EXISTS -> "Product already exists";
            case INVALID_QUANTITY -> "Invalid quantity";
            case INVALID_ORDER -> "Invalid order";
            case ORDER_ALREADY_EXISTS -> "Order already exists";
            case ORDER_NOT_FOUND -> "Order not found";
            case INVALID_ORDER_TRANSITION -> "Invalid order transition";
            case CANCELLATION_NOT_ALLOWED -> "Cancellation not allowed";
            default -> {
                String words = code.name().replace('_', ' ').toLowerCase(Locale.ROOT);
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }

    private static String message(MessageSourceResolvable error) {
        return Optional.ofNullable(error.getDefaultMessage()).orElse("is invalid");
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        return Optional.ofNullable(parameter.getParameterName()).orElse("arg" + parameter.getParameterIndex());
    }

    private static String expectation(@Nullable Class<?> type) {
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type != null && (Number.class.isAssignableFrom(type) || type == int.class || type == long.class)) {
            return "must be a whole number";
        }
        return "has an invalid format";
    }

    private static String mappingMessage(JsonMappingException ex) {
        if (ex instanceof InvalidFormatException format) {
            return expectation(format.getTargetType());
        }
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (ex instanceof ValueInstantiationException && ex.getCause() instanceof IllegalArgumentException invalid
                && invalid.getMessage() != null) {
            return invalid.getMessage();
        }
        if (ex instanceof MismatchedInputException mismatch) {
            return expectation(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    private static String jsonPath(JsonMappingException ex) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : ex.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        return cause(ex, type).isPresent();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable ex, Class<T> type) {
        Throwable current = ex;
        int depth = 0;
        while (current != null && depth++ < 16) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = current.getCause();
        }
        return Optional.empty();
    }
}
