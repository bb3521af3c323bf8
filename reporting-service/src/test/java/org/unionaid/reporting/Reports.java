package org.unionaid.reporting;

import io.restassured.response.ValidatableResponse;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.restassured.RestAssured.given;
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

    static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    static String quarter(String day) {
        int month = Integer.parseInt(day.substring(5, 7));
        return day.substring(0, 4) + "-Q" + ((month - 1) / 3 + 1);
    }

    static final Set<String> NO_PERSONAL_DATA = Set.of("张秘密", "43038119800101123X", "workerId", "fileId", "idNumber");
}
