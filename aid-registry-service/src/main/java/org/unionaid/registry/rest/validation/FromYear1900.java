package org.unionaid.registry.rest.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;

/**
 * A date (or instant) of a person's or a file's life: from 1900-01-01 on. With {@code @PastOrPresent}
 * it bounds the dates of a body to what the registry can mean and PostgreSQL can hold (0000-01-01 is a 400
 * naming the field, not a value stored or a 500).
 */
@Documented
@Constraint(validatedBy = FromYear1900.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface FromYear1900 {

    String message() default "{date.fromYear1900}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<FromYear1900, TemporalAccessor> {
        private static final LocalDate FIRST = LocalDate.of(1900, 1, 1);

        @Override
        public boolean isValid(TemporalAccessor value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate date = value instanceof Instant i ? LocalDate.ofInstant(i, ZoneOffset.UTC) : LocalDate.from(value);
            return !date.isBefore(FIRST);
        }
    }
}
