package io.orderflow.ui.api.product;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated string is a valid SKU as core-api defines it ({@link io.orderflow.api.inventory.Sku#isValid}):
 * 1 to 64 upper-case letters, digits or dashes, not starting with a dash. {@code null} is valid; combine
 * with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = SkuFormatValidator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SkuFormat {

    /**
     * The message of a violation.
     *
     * @return the message
     */
    String message() default "must be 1-64 upper-case letters, digits or dashes, not starting with a dash";

    /**
     * The validation groups.
     *
     * @return the groups
     */
    Class<?>[] groups() default {};

    /**
     * The payload.
     *
     * @return the payload
     */
    Class<? extends Payload>[] payload() default {};
}
