package org.unionaid.disbursement.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an application's details keeping every decimal exact: a JSON number with a fraction or an exponent
 * becomes a BigDecimal (not a double: 1e400 would be Infinity and 1e-400 zero, and neither could be refused
 * for what it is). Objects nest at most {@value #MAX_DEPTH} deep. What the values may be is checked per project
 * by the service (DetailsShape).
 */
public class DetailsDeserializer extends JsonDeserializer<Map<String, Object>> {

    static final int MAX_DEPTH = 3;

    @Override
    public Map<String, Object> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonMappingException.from(p, "details must be an object");
        }
        return object(p, 1);
    }

    private static Map<String, Object> object(JsonParser p, int depth) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, value(p, depth));
        }
        return map;
    }

    private static Object value(JsonParser p, int depth) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT, START_ARRAY -> {
                if (depth >= MAX_DEPTH) {
                    throw JsonMappingException.from(p, "details nest at most " + MAX_DEPTH + " levels");
                }
                if (t == JsonToken.START_OBJECT) {
                    return object(p, depth + 1);
                }
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, depth + 1));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                try {
                    return t == JsonToken.VALUE_NUMBER_INT ? p.getNumberValue() : p.getDecimalValue();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw JsonMappingException.from(p, "not a number");
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw JsonMappingException.from(p, "unexpected token");
        }
    }
}
