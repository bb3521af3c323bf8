package org.unionaid.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value that parses but may not be taken: text with NUL or other control characters, a date
 * outside the years 1-9999, a number too large to store. Carries a message key of the problems
 * bundle and never the value itself, so that the answer cannot echo what was sent.
 */
public class RefusedValue extends InvalidFormatException {

    private final String messageKey;

    RefusedValue(JsonParser parser, String messageKey, Class<?> targetType) {
        super(parser, messageKey, null, targetType);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
