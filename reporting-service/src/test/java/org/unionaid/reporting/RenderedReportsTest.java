package org.unionaid.reporting;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.rest.RenderedReports;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.testsupport.TestTokens.bearer;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class RenderedReportsTest {

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    RenderedReports rendered;

    @Inject
    Scheduler scheduler;

    @Test
    void theSameReportAskedAgainWhileNoFeedMovedIsComputedOnceAndANewPayoutIsSeenAtOnce() {
        SourceData data = new SourceData(stubs, 41);
        City city = data.city("RND");
        var worker = data.worker(city.communities().get(0), "DEEP", "ILLNESS", LocalDate.of(2024, 1, 2));
        data.payout(worker, "LIVING_RELIEF", new BigDecimal("500.00"), LocalDate.of(2024, 3, 1));
        assertTrue(reader.catchUp());
        String url = "/api/v1/reports/aid?groupBy=project,year&station=" + city.code();

        // The poller stands still meanwhile: each of its catch-ups, even one that finds nothing new, is a new
        // asOf and so a new rendering.
        scheduler.pause();
        try {
            reader.catchUp();
            long before = rendered.renders();
            long computedBefore = rendered.computations();
            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                bodies.add(given().header("Authorization", bearer("analyst")).when().get(url)
                        .then().statusCode(200).contentType("application/json").extract().asString());
            }
            assertEquals(1, bodies.size(), "the same answer 20 times");
            assertEquals(1, rendered.renders() - before, "rendered once for 20 requests");
            assertEquals(1, rendered.computations() - computedBefore, "no feed moved: the figures were computed once");
        } finally {
            scheduler.resume();
        }
        assertEquals("500.00", given().header("Authorization", bearer("analyst")).when().get(url)
                .then().extract().jsonPath().getString("totals.amount"));

        data.payout(worker, "LIVING_RELIEF", new BigDecimal("250.00"), LocalDate.of(2024, 4, 1));
        assertTrue(reader.catchUp());
        assertEquals("750.00", given().header("Authorization", bearer("analyst")).when().get(url)
                .then().statusCode(200).extract().jsonPath().getString("totals.amount"));
        String csv = given().header("Authorization", bearer("analyst")).accept("text/csv").when().get(url)
                .then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("project,year,personTimes,persons,amount,suppressed,asOf\r\n"), csv);
    }
}
