package org.unionaid.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Whether an example (or enum value) fits the schema it stands in: type, enum, pattern, lengths, bounds. */
final class Examples {

    private Examples() {
    }

    /** What is wrong with {@code value} for {@code schema}, or null when it fits. */
    static String misfit(JsonObject schema, Object value) {
        Object type = schema.getValue("type");
        JsonArray types = type instanceof JsonArray many ? many : new JsonArray().add(type);
        if (value == null) {
            return types.contains("null") ? null : "null for a non-null " + types.encode();
        }
        boolean typed = false;
        for (Object t : types) {
            typed |= fits(String.valueOf(t), value);
        }
        if (!typed) {
            return value + " is not " + types.encode();
        }
        if (schema.getValue("enum") instanceof JsonArray values && !values.contains(value)) {
            return value + " is not one of " + values.encode();
        }
        if (value instanceof String text) {
            if (schema.containsKey("pattern") && !Pattern.compile(schema.getString("pattern")).matcher(text).find()) {
                return "\"" + text + "\" does not match " + schema.getString("pattern");
            }
            if (schema.containsKey("maxLength") && text.codePointCount(0, text.length()) > schema.getInteger("maxLength")) {
                return "\"" + text + "\" is longer than " + schema.getInteger("maxLength");
            }
            if (schema.containsKey("minLength") && text.codePointCount(0, text.length()) < schema.getInteger("minLength")) {
                return "\"" + text + "\" is shorter than " + schema.getInteger("minLength");
            }
        }
        if (value instanceof Number number) {
            BigDecimal n = new BigDecimal(number.toString());
            if (schema.getValue("minimum") instanceof Number min && n.compareTo(new BigDecimal(min.toString())) < 0) {
                return n + " is below " + min;
            }
            if (schema.getValue("maximum") instanceof Number max && n.compareTo(new BigDecimal(max.toString())) > 0) {
                return n + " is above " + max;
            }
        }
        return null;
    }

    private static boolean fits(String type, Object value) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof JsonArray;
            case "object" -> value instanceof JsonObject;
            case "null" -> false;
            default -> true;
        };
    }
}
