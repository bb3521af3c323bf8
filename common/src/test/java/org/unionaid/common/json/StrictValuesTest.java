package org.unionaid.common.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictValuesTest {

    record Body(String name, LocalDate birthDate, Instant at, BigDecimal amount, List<String> tags,
                Map<String, Object> details) {
    }

    private final ObjectMapper json = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictValues().customize(mapper);
        return mapper;
    }

    private RefusedValue refused(String body) {
        return assertThrows(RefusedValue.class, () -> json.readValue(body, Body.class), body);
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("");
    }

    record Ids(long id, List<Long> ids, int count) {
    }

    @Test
    void aNumberWithAFractionIsNoWholeNumberAndIsNeverTruncated() throws Exception {
        for (String body : List.of("{\"id\":1.5}", "{\"ids\":[2, 1.5]}", "{\"count\":3.0}", "{\"id\":1e3}")) {
            assertThrows(JsonMappingException.class, () -> json.readValue(body, Ids.class), body);
        }
        Ids ids = json.readValue("{\"id\":7,\"ids\":[1,2],\"count\":3}", Ids.class);
        assertEquals(7, ids.id());
        assertEquals(List.of(1L, 2L), ids.ids());
    }

    @Test
    void takesOrdinaryValuesAsTheyAre() throws Exception {
        Body body = json.readValue("""
                {"name":"王芳\\t𠀀 ok","birthDate":"1980-02-29","at":"2026-12-02T10:00:00Z","amount":"4000.00",
                 "tags":["a"],"details":{"school":"一中","cost":12.5}}""", Body.class);
        assertEquals("王芳\t𠀀 ok", body.name());
        assertEquals(LocalDate.of(1980, 2, 29), body.birthDate());
        assertEquals(new BigDecimal("4000.00"), body.amount());
        assertEquals("一中", body.details().get("school"));
    }

    @Test
    void refusesNulAndControlCharactersInEveryTextNamingTheField() {
        assertEquals("name", field(refused("{\"name\":\"a\\u0000b\"}")));
        assertEquals("name", field(refused("{\"name\":\"bell\\u0007\"}")));
        assertEquals("tags.[1]", field(refused("{\"tags\":[\"ok\",\"x\\u0000\"]}")));
        assertEquals("details.school", field(refused("{\"details\":{\"school\":\"x\\u0000\"}}")));
        assertEquals("details", field(refused("{\"details\":{\"k\\u0000\":1}}")).replaceAll("\\..*", ""));
    }

    @Test
    void refusesBrokenSurrogates() {
        refused("{\"name\":\"\\ud800\"}");
        refused("{\"name\":\"x\\udc00y\"}");
    }

    @Test
    void refusesDatesBeyondTheYears1To9999() {
        assertEquals("birthDate", field(refused("{\"birthDate\":\"+20000-01-01\"}")));
        refused("{\"birthDate\":\"0000-12-31\"}");
        refused("{\"birthDate\":\"-0001-01-01\"}");
        refused("{\"at\":\"+10000-01-01T00:00:00Z\"}");
        refused("{\"at\":\"-1000000-01-01T00:00:00Z\"}");
    }

    @Test
    void refusesNumbersNoColumnCouldHold() {
        assertEquals("amount", field(refused("{\"amount\":1e400}")));
        refused("{\"amount\":\"1e400\"}");
        refused("{\"amount\":1e-400}");
        refused("{\"amount\":1234567890123456789}");
    }

    @Test
    void refusesAKeyGivenTwice() {
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> json.readValue("{\"name\":\"a\",\"name\":\"b\"}", Body.class));
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> json.readValue("{\"details\":{\"k\":1,\"k\":2}}", Body.class));
    }

    @Test
    void refusalsNameAMessageAndNeverTheValue() {
        RefusedValue e = refused("{\"name\":\"110105198001010012\\u0000\"}");
        assertEquals("field.text", e.messageKey());
        assertFalse(e.getOriginalMessage().contains("110105"));
        assertTrue(e.getValue() == null);
    }
}
