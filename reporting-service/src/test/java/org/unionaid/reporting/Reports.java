package org.unionaid.reporting;

import io.restassured.response.ValidatableResponse;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Reads reports as an analyst and compares them with expected figures. */
final class Reports {

    static final int MIN_CELL = 5;

    private Reports() {
    }

    static ValidatableResponse get(String report, String query) {
        return given().header("Authorization", bearer("analyst")).accept("application/json")
                .when().get("/api/v1/reports/" + report + (query.isEmpty() ? "" : "?" + query))
                .then().statusCode(200).contentType("application/json");
    }

    /** The city's household summary (personTimes, persons, amount) is what the source items imply. */
    static void assertSummaryIsTheSourcesOf(Expected expected) {
        Expected.Fig all = expected.total(Expected::household);
        var summary = get("summary", "").extract().jsonPath();
        assertEquals(all.personTimes(), summary.getLong("personTimes"));
        assertEquals(all.persons().size(), summary.getInt("persons"));
        assertEquals(money(all.amount()), summary.getString("amount"));
    }

    static List<Map<String, Object>> items(String report, String query) {
        return get(report, query).extract().jsonPath().getList("items");
    }

    /** Items as key strings -> [personTimes, persons, amount, suppressed] strings. */
    static Map<List<String>, List<String>> aidItems(String query, List<String> keys) {
        Map<List<String>, List<String>> out = new HashMap<>();
        for (Map<String, Object> item : items("aid", query)) {
            List<String> key = keys.stream().map(k -> Objects.toString(item.get(k), "")).toList();
            out.put(key, List.of(Objects.toString(item.get("personTimes"), ""), Objects.toString(item.get("persons"), ""),
                    Objects.toString(item.get("amount"), ""), Objects.toString(item.get("suppressed"))));
        }
        return out;
    }

    /** What aidItems should be, with cells of fewer than 5 persons suppressed when the breakdown identifies. */
    static Map<List<String>, List<String>> expectedItems(Map<List<Object>, Expected.Fig> groups, boolean identifying) {
        org.junit.jupiter.api.Assertions.assertFalse(groups.isEmpty(), "the source data should fill some groups");
        Map<List<String>, List<String>> out = new HashMap<>();
        groups.forEach((key, fig) -> {
            List<String> k = key.stream().map(v -> Objects.toString(v, "")).toList();
            boolean suppressed = identifying && fig.persons().size() < MIN_CELL;
            out.put(k, suppressed ? List.of("", "", "", "true")
                    : List.of(Long.toString(fig.personTimes()), Integer.toString(fig.persons().size()),
                    money(fig.amount()), "false"));
        });
        return out;
    }

    /**
     * An identifying breakdown as it must be answered: the same groups; every small group hidden; every
     * group shown with its exact figures; no group hidden when none is small; and no line (the groups
     * that share all keys but one) with one hidden group among several, which the totals or the report
     * with one dimension less would give away by subtraction.
     */
    static void assertSuppressedItems(Map<List<Object>, Expected.Fig> groups, Map<List<String>, List<String>> actual) {
        Map<List<String>, List<String>> exact = expectedItems(groups, false);
        org.junit.jupiter.api.Assertions.assertEquals(exact.keySet(), actual.keySet());
        List<String> hidden = List.of("", "", "", "true");
        int small = 0;
        int complements = 0;
        for (Map.Entry<List<String>, List<String>> group : exact.entrySet()) {
            List<String> answered = actual.get(group.getKey());
            if (Integer.parseInt(group.getValue().get(1)) < MIN_CELL) {
                org.junit.jupiter.api.Assertions.assertEquals(hidden, answered, "small group " + group.getKey());
                small++;
            } else if (answered.equals(hidden)) {
                complements++;
            } else {
                org.junit.jupiter.api.Assertions.assertEquals(group.getValue(), answered, "group " + group.getKey());
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(small > 0 || complements == 0, "groups hidden without a small one");
        int dimensions = exact.keySet().iterator().next().size();
        for (int d = 0; d < dimensions; d++) {
            Map<List<String>, int[]> lines = new HashMap<>();
            for (Map.Entry<List<String>, List<String>> group : actual.entrySet()) {
                List<String> rest = new java.util.ArrayList<>(group.getKey());
                rest.remove(d);
                int[] counts = lines.computeIfAbsent(rest, k -> new int[2]);
                counts[0]++;
                counts[1] += group.getValue().equals(hidden) ? 1 : 0;
            }
            lines.forEach((line, counts) -> org.junit.jupiter.api.Assertions.assertTrue(counts[1] != 1 || counts[0] == 1,
                    "line " + line + ": one hidden group among " + counts[0]));
        }
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    static String quarter(String day) {
        int month = Integer.parseInt(day.substring(5, 7));
        return day.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1);
    }

    static final Set<String> NO_PERSONAL_DATA = Set.of("张秘密", "43038119800101123X", "workerId", "fileId", "idNumber");
}
