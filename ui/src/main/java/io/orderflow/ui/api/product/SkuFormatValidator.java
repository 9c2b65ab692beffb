package io.orderflow.ui.api.product;

import io.orderflow.api.inventory.Sku;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SkuFormat} with core-api's own rule, {@link Sku#isValid(String)}. */
public class SkuFormatValidator implements ConstraintValidator<SkuFormat, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Sku.isValid(value);
    }
}
