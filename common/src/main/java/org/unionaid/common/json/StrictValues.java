package org.unionaid.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Predicate;

/**
 * Every value a JSON body can carry is checked once, here, as it is read: text without NUL and
 * other control characters (PostgreSQL refuses NUL in text), dates and instants within the years
 * 1-9999 (the range every store and client handles), decimals of at most 18 digits before and 18
 * after the point (1e400 parses as a BigDecimal and would reach the database). A refused value
 * is a {@link RefusedValue}: a 400 naming the field, never a 500. A key given twice in one object
 * is refused too.
 */
@Singleton
public class StrictValues implements ObjectMapperCustomizer {

    static final int MAX_DIGITS = 18;
    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant LAST_INSTANT = LAST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("union-aid-strict-values");
        module.addDeserializer(String.class, checked(StringDeserializer.instance, Text::acceptable, "field.text", String.class));
        module.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
                if (!Text.acceptable(key)) {
                    throw new RefusedValue(ctxt.getParser(), "field.text", String.class);
                }
                return key;
            }
        });
        module.addDeserializer(LocalDate.class, checked(LocalDateDeserializer.INSTANCE,
                d -> !d.isBefore(FIRST_DAY) && !d.isAfter(LAST_DAY), "field.date", LocalDate.class));
        module.addDeserializer(Instant.class, checked(InstantDeserializer.INSTANT,
                t -> !t.isBefore(FIRST_INSTANT) && t.isBefore(LAST_INSTANT), "field.date", Instant.class));
        module.addDeserializer(OffsetDateTime.class, checked(InstantDeserializer.OFFSET_DATE_TIME,
                t -> !t.toInstant().isBefore(FIRST_INSTANT) && t.toInstant().isBefore(LAST_INSTANT), "field.date",
                OffsetDateTime.class));
        module.addDeserializer(BigDecimal.class, checked(NumberDeserializers.BigDecimalDeserializer.instance,
                StrictValues::storable, "field.number", BigDecimal.class));
        mapper.registerModule(module);
        // {"name":"a","name":"b"}: which one was meant? Refused (400) rather than guessed; a record
        // given a key twice would otherwise fail as a definition error (500).
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // {"workerIds":[1.5]}: not an id. Jackson would truncate it to 1 and act on another record.
        mapper.disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    static boolean storable(BigDecimal d) {
        return d.scale() <= MAX_DIGITS && d.precision() - d.scale() <= MAX_DIGITS;
    }

    private static <T> JsonDeserializer<T> checked(JsonDeserializer<? extends T> plain, Predicate<T> acceptable,
                                                   String messageKey, Class<T> type) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                T value = plain.deserialize(p, ctxt);
                if (value != null && !acceptable.test(value)) {
                    throw new RefusedValue(p, messageKey, type);
                }
                return value;
            }

            @Override
            public Class<?> handledType() {
                return type;
            }
        };
    }
}
