package org.unionaid.disbursement.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.unionaid.testsupport.TestTokens;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Requests as the different people of the domain make them. */
public final class Api {

    public static final String CLERK_A = "Bearer " + TestTokens.clerk(Stub.STATION_A);
    public static final String CLERK_B = "Bearer " + TestTokens.clerk(Stub.STATION_B);
    public static final String REVIEWER = "Bearer " + TestTokens.token("reviewer", null, "reviewer-li");
    public static final String REVIEWER_2 = "Bearer " + TestTokens.token("reviewer", null, "reviewer-wang");
    public static final String FINANCE = "Bearer " + TestTokens.token("finance", null, "finance-zhao");
    public static final String ADMIN = "Bearer " + TestTokens.token("admin", null, "admin-sun");
    public static final String SERVICE = "Bearer " + TestTokens.token("service", null, "reporting-service");

    /**
     * Budget years used by no other test, so each test owns its budgets: 2030 to 2200 (the highest year the API takes),
     * clear of this year's. From 2100 on, the module's tests had used up the range (a budget of 2201 is a 400).
     */
    private static final AtomicInteger NEXT_YEAR = new AtomicInteger(2030);

    private Api() {
    }

    public static int freshYear() {
        return NEXT_YEAR.getAndIncrement();
    }

    public static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    /**
     * One field of every item of a list, page after page (200 a page) by its cursor: what other tests stored
     * before may fill more than one page.
     */
    public static <T> List<T> allItems(String bearer, String listUrl, String field, Class<T> type) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            String url = listUrl + (listUrl.contains("?") ? "&" : "?") + "limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonPath page = as(bearer).get(url).then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items." + field, type));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    /** A budget year of its own with the project's allocation and a 低保 of 1,000 a month in the stub registry. */
    public static int yearWithBudget(String project, String amount) {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget(project, year, amount);
        return year;
    }

    public static void budget(String project, int year, String amount) {
        as(FINANCE).body("{\"amount\":\"" + amount + "\"}")
                .put("/api/v1/projects/" + project + "/budgets/" + year).then().statusCode(200);
    }

    public static ValidatableResponse budgetOf(String project, int year) {
        return as(FINANCE).get("/api/v1/budgets?year=" + year).then().statusCode(200)
                .rootPath("items.find { it.projectCode == '" + project + "' }");
    }

    /** Submits for a household as clerk A; returns the application id. */
    public static long submit(String project, long workerId, int year, String amount, String details) {
        return as(CLERK_A).body("""
                        {"projectCode": "%s", "workerId": %d, "year": %d, "requestedAmount": "%s", "details": %s}
                        """.formatted(project, workerId, year, amount, details))
                .post("/api/v1/applications").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static ValidatableResponse decide(String reviewer, long applicationId, String amount) {
        return as(reviewer).body("{\"approve\": true, \"amount\": \"" + amount + "\"}")
                .post("/api/v1/applications/" + applicationId + "/decision").then();
    }

    public static ValidatableResponse approve(long applicationId, String amount) {
        return decide(REVIEWER, applicationId, amount);
    }

    /** A bank transfer: ISSUED until a bank file's result says PAID or FAILED. */
    public static ValidatableResponse pay(long applicationId, String reference) {
        return as(FINANCE).body("{\"applicationId\": %d, \"channel\": \"BANK_TRANSFER\", \"reference\": \"%s\"}"
                .formatted(applicationId, reference)).post("/api/v1/payouts").then();
    }

    /** Cash with its receipt reference: PAID at once. */
    public static ValidatableResponse payCash(long applicationId, String receipt) {
        return as(FINANCE).body("{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"%s\"}"
                .formatted(applicationId, receipt)).post("/api/v1/payouts").then();
    }

    /** Exports a bank file of the payouts; returns its id. */
    public static long bankFile(String project, long... payoutIds) {
        return exportBankFile(project, payoutIds).statusCode(201).extract().jsonPath().getLong("id");
    }

    public static ValidatableResponse exportBankFile(String project, long... payoutIds) {
        StringBuilder ids = new StringBuilder();
        for (long id : payoutIds) {
            ids.append(ids.length() == 0 ? "" : ",").append(id);
        }
        return as(FINANCE).body("{\"projectCode\": \"%s\", \"payoutIds\": [%s]}".formatted(project, ids))
                .post("/api/v1/bank-files").then();
    }

    /** Posts a bank's result file (UTF-8) for a bank file. */
    public static ValidatableResponse results(long bankFileId, String csv) {
        return given().header("Authorization", FINANCE).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/bank-files/" + bankFileId + "/results").then();
    }
}
