package org.unionaid.common.web;

import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Query parameters parsed so that a bad value is the caller's 400 naming the parameter (JAX-RS
 * would answer a failed conversion with a bare 404).
 */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ProblemException.invalid(Violation.keyed(name, "one-of", allowed));
        }
    }

    public static Boolean booleanValue(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(Violation.keyed(name, "true-or-false"));
        };
    }

    /** A whole number within [min, max], or the default when absent. */
    public static long longInRange(String value, String name, long fallback, long min, long max) {
        Long parsed = longValue(value, name);
        if (parsed == null) {
            return fallback;
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.invalid(Violation.keyed(name, "range", min, max));
        }
        return parsed;
    }

    public static Long longValue(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(Violation.keyed(name, "whole-number"));
        }
    }
}
