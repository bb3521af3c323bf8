package org.unionaid.disbursement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.LedgerAudit;
import org.unionaid.disbursement.support.Race;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.allItems;
import static org.unionaid.disbursement.support.Api.approve;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.budgetOf;
import static org.unionaid.disbursement.support.Api.freshYear;
import static org.unionaid.disbursement.support.Api.submit;

/** Real threads, real transactions: what the database guarantees under load. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class ConcurrencyTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    LedgerAudit ledger;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @AfterEach
    void budgetsEqualTheLedger() {
        ledger.assertBudgetsEqualLedger();
    }

    @Test
    void fiftyConcurrentApprovalsAgainstABudgetForTenApproveExactlyTen() throws Exception {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "1000.00", "{}"));
        }
        List<Integer> statuses = Race.of(50, i -> post(REVIEWER, "/api/v1/applications/" + ids.get(i) + "/decision",
                "{\"approve\": true, \"amount\": \"1000.00\"}", null).statusCode());

        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(200, 10L, 409, 40L), counts);
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("10000.00")).body("available", equalTo("0.00"));
        assertEquals(10, allItems(REVIEWER, "/api/v1/applications?status=APPROVED&project=LIVING_RELIEF", "year", Integer.class)
                .stream().filter(y -> y == year).count());
    }

    @Test
    void twentyConcurrentPayoutsOfOneApplicationWithOneKeyPayOnce() throws Exception {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "2500.00", "{}");
        approve(id, "2500.00").statusCode(200);
        String body = "{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"B-20\"}".formatted(id);

        List<HttpResponse<String>> answers = Race.of(20, i -> post(FINANCE, "/api/v1/payouts", body, "pay-once-" + id));

        long created = answers.stream().filter(r -> r.statusCode() == 201
                && r.headers().firstValue("Idempotency-Replayed").isEmpty()).count();
        long replayed = answers.stream().filter(r -> r.statusCode() == 201
                && r.headers().firstValue("Idempotency-Replayed").map("true"::equals).orElse(false)).count();
        long inProgress = answers.stream().filter(r -> r.statusCode() == 409).count();
        assertEquals(1, created, "exactly one request pays");
        assertEquals(20, created + replayed + inProgress, "the others replay or get 409: " + answers.stream()
                .map(HttpResponse::statusCode).toList());
        answers.stream().filter(r -> r.statusCode() == 201)
                .forEach(r -> assertTrue(r.body().contains("\"amount\":\"2500.00\""), r.body()));
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("2500.00")).body("reserved", equalTo("0.00"));
        as(FINANCE).get("/api/v1/payouts?project=LIVING_RELIEF&year=" + year).then().body("items", hasSize(1));

        // The same key with another body is refused whatever the first one did.
        assertEquals(422, post(FINANCE, "/api/v1/payouts", body.replace("B-20", "B-21"), "pay-once-" + id).statusCode());
    }

    @Test
    void twentyConcurrentPayoutsWithoutAKeyStillPayOnce() throws Exception {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "10000");
        long id = submit("LIVING_RELIEF", Stub.worker("ACTIVE", "DEEP", "0.00", 2), year, "700.00", "{}");
        approve(id, "700.00").statusCode(200);
        String body = "{\"applicationId\": %d, \"channel\": \"CASH\", \"reference\": \"C-1\"}".formatted(id);
        List<Integer> statuses = Race.of(20, i -> post(FINANCE, "/api/v1/payouts", body, null).statusCode());
        assertEquals(Map.of(201, 1L, 409, 19L),
                statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        budgetOf("LIVING_RELIEF", year).body("paid", equalTo("700.00"));
    }

    @Test
    void concurrentApprovalsForOneRelativeHouseholdApproveOneItemOnly() throws Exception {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("LIVING_RELIEF", year, "100000");
        long relative = Stub.worker("ACTIVE", "RELATIVE", "18000.00", 1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(submit("LIVING_RELIEF", relative, year, "500.00", "{}"));
        }
        List<Integer> statuses = Race.of(10, i -> post(REVIEWER, "/api/v1/applications/" + ids.get(i) + "/decision",
                "{\"approve\": true, \"amount\": \"500.00\"}", null).statusCode());
        assertEquals(Map.of(200, 1L, 422, 9L), statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        budgetOf("LIVING_RELIEF", year).body("reserved", equalTo("500.00"));
    }

    private HttpResponse<String> post(String bearer, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
