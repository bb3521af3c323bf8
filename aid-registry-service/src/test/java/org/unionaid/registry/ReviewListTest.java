package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.testsupport.TestTokens.bearer;

/** GET /api/v1/reviews: the yearly reviews across files a reviewer decides, by status and station, without figures. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ReviewListTest {

    /** Per-capita 43,200 / 12 / 2 = 1,800 against a 低保 of 1,000: within the line. */
    private static final String WITHIN = "{\"household\":{\"yearlyIncome\":\"43200.00\",\"rigidCosts\":\"0.00\",\"members\":["
            + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"王秀英\",\"birthDate\":\"1975-03-02\"}]}}";
    /** Per-capita 240,000 / 12 / 2 = 10,000: above every line. */
    private static final String ABOVE = "{\"household\":{\"yearlyIncome\":\"240000.00\",\"rigidCosts\":\"0.00\",\"members\":["
            + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"王秀英\",\"birthDate\":\"1975-03-02\"}]}}";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void aReviewerFindsThePendingProposalsOfAStationWithoutTheirFiguresPageByPage() {
        long here = Fixtures.activeFile(tree.community(), idNumber(true));
        long there = Fixtures.activeFile(tree.otherCommunity(), idNumber(false));
        long applied = Fixtures.activeFile(tree.community(), idNumber(true));
        int within = file(here, clerkOf(tree.community()), WITHIN);
        int above = file(there, clerkOf(tree.otherCommunity()), ABOVE);
        int own = file(applied, REVIEWER, WITHIN);

        Response pending = given().header("Authorization", REVIEWER).queryParam("status", "PENDING")
                .queryParam("station", tree.district()).get("/api/v1/reviews");
        pending.then().statusCode(200).contentType(ContentType.JSON).body("items.id", equalTo(List.of(within, above)))
                .body("items.stationCode", equalTo(List.of(tree.community(), tree.otherCommunity())))
                .body("items.fileId", equalTo(List.of((int) here, (int) there)))
                .body("items.outcome", equalTo(List.of("ELIGIBLE", "ABOVE_LINE")))
                .body("items.exitProposed", equalTo(List.of(false, true)))
                .body("items.filedBy", equalTo(List.of("clerk-" + tree.community(), "clerk-" + tree.otherCommunity())))
                .body("items[0]", not(hasKey("household"))).body("items[0]", not(hasKey("perCapitaMonthlyIncome")))
                .body("items[1]", not(hasKey("category")));
        String raw = pending.asString();
        assertFalse(raw.contains("43200") || raw.contains("240000") || raw.contains("王秀英") || raw.contains("1975"), raw);

        // any status: the reviewer's own review, applied at once, is there too; APPLIED alone lists only it
        given().header("Authorization", REVIEWER).queryParam("station", tree.district()).get("/api/v1/reviews").then()
                .body("items.id", equalTo(List.of(within, above, own)));
        given().header("Authorization", REVIEWER).queryParam("status", "APPLIED").queryParam("station", tree.district())
                .get("/api/v1/reviews").then().body("items.id", equalTo(List.of(own)))
                .body("items[0].decidedBy", equalTo("reviewer-wang"));
        given().header("Authorization", REVIEWER).queryParam("status", "PENDING").queryParam("station", tree.otherCommunity())
                .get("/api/v1/reviews").then().body("items.id", equalTo(List.of(above)));

        // keyset pages of one: the next link leads to the second and last
        Response first = given().header("Authorization", REVIEWER).queryParam("status", "PENDING")
                .queryParam("station", tree.district()).queryParam("limit", 1).get("/api/v1/reviews");
        first.then().statusCode(200).body("items.id", equalTo(List.of(within)));
        Matcher next = NEXT.matcher(first.header("Link"));
        assertTrue(next.find(), first.header("Link"));
        Response second = given().header("Authorization", REVIEWER).get(next.group(1));
        second.then().statusCode(200).body("items.id", equalTo(List.of(above)));
        String link = second.header("Link");
        assertTrue(link == null || !link.contains("rel=\"next\""), link);
    }

    @Test
    void aClerkSeesHisStationsReviewsOnlyAndBadQueriesAreProblems() {
        long here = Fixtures.activeFile(tree.community(), idNumber(true));
        long there = Fixtures.activeFile(tree.otherCommunity(), idNumber(false));
        int mine = file(here, clerkOf(tree.community()), WITHIN);
        file(there, clerkOf(tree.otherCommunity()), ABOVE);

        given().header("Authorization", clerkOf(tree.community())).queryParam("status", "PENDING")
                .queryParam("station", tree.district()).get("/api/v1/reviews").then().statusCode(200)
                .body("items.id", equalTo(List.of(mine)));
        given().header("Authorization", clerkOf(tree.community())).queryParam("station", tree.otherCommunity())
                .get("/api/v1/reviews").then().statusCode(200).body("items", hasSize(0));
        given().header("Authorization", REVIEWER).queryParam("station", "NO-SUCH-STATION").get("/api/v1/reviews")
                .then().statusCode(200).body("items", hasSize(0));
        given().header("Authorization", REVIEWER).queryParam("status", "LOST").get("/api/v1/reviews").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("status"));
        given().header("Authorization", REVIEWER).queryParam("limit", "many").get("/api/v1/reviews").then()
                .statusCode(400).contentType("application/problem+json");
        given().header("Authorization", REVIEWER).queryParam("cursor", "not-a-cursor").get("/api/v1/reviews").then()
                .statusCode(400).contentType("application/problem+json");
        given().header("Authorization", bearer("finance")).get("/api/v1/reviews").then()
                .statusCode(403);
        given().get("/api/v1/reviews").then().statusCode(401);
        assertEquals(1, given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + here + "/reviews")
                .then().statusCode(200).extract().jsonPath().getList("items").size());
    }

    private static int file(long fileId, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + fileId + "/reviews").then().statusCode(201).extract().jsonPath().getInt("id");
    }
}
