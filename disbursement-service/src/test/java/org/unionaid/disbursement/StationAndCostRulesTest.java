package org.unionaid.disbursement;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;
import org.unionaid.testsupport.TestTokens;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.allItems;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.budget;
import static org.unionaid.disbursement.support.Api.freshYear;

/** Issue 12, found after the first round: a clerk of no known station files no enterprise grant; a share is part of its cost. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class StationAndCostRulesTest {

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    @Test
    void aClerkWhoseStationTheRegistryDoesNotKnowFilesNoEnterpriseGrant() {
        int year = freshYear();
        budget("KEY_ENTERPRISE", year, "500000");
        Stub.enterprise(4201, "OPERATING", true);
        String grant = """
                {"projectCode": "KEY_ENTERPRISE", "enterpriseId": 4201, "year": %d, "requestedAmount": "1000",
                 "details": {"supportPlan": "plan"}}""".formatted(year);
        for (String clerk : new String[]{TestTokens.clerk("C99-NOWHERE"), TestTokens.token("clerk", null, "clerk-without-station")}) {
            as("Bearer " + clerk).body(grant).post("/api/v1/applications").then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:union-aid:problem:station-unknown"));
        }
        // The clerk of a known station still files it, for his station.
        as(CLERK_A).body(grant).post("/api/v1/applications").then().statusCode(201)
                .body("stationCode", equalTo(Stub.STATION_A));
        // Nothing was filed by the refused clerks.
        assertEquals(1, allItems(ADMIN, "/api/v1/applications?project=KEY_ENTERPRISE", "enterpriseId", Integer.class)
                .stream().filter(id -> id != null && id == 4201).count());
    }

    @Test
    void anOutOfPocketShareAboveTheTotalCostIsA400NamingTheShare() {
        int year = freshYear();
        Stub.minimumLivingStandard(year, "1000.00");
        budget("SERIOUS_ILLNESS", year, "100000");
        long worker = Stub.worker("ACTIVE", "DEEP", "0.00", 2);
        String application = """
                {"projectCode": "SERIOUS_ILLNESS", "workerId": %d, "year": %d, "requestedAmount": "100.00",
                 "details": {"medicalBills": "B", "outOfPocket": "%s", "totalCost": "%s"}}""";
        as(CLERK_A).body(application.formatted(worker, year, "80000.01", "80000.00")).post("/api/v1/applications").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("details.outOfPocket"))
                .body("violations[0].message", containsString("details.totalCost"))
                .body(not(containsString("80000")));
        as(CLERK_A).body(application.formatted(worker, year, "80000.00", "80000")).post("/api/v1/applications").then()
                .statusCode(201).body("status", equalTo("SUBMITTED"));
    }
}
