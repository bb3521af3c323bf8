package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.MergeTest.merge;
import static org.unionaid.testsupport.TestTokens.bearer;

/** A clerk sees the merges within his station's scope only; reviewers and services see every one. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class MergeScopeTest {

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void aClerkSeesOnlyTheMergedFilesAndSurvivorsOfHisStations() {
        long survivor = Fixtures.activeFile(tree.community(), idNumber(true));
        long here = Fixtures.pendingFile(tree.community(), idNumber(false));
        long there = Fixtures.pendingFile(tree.otherCommunity(), idNumber(true));
        merge(survivor, there, REVIEWER, "重复").statusCode(200);
        merge(survivor, here, REVIEWER, "重复").statusCode(200);
        List<Map<String, Object>> pairs = List.of(Map.of("from", 1, "into", 1), Map.of("from", 2, "into", 2));
        Map<String, Object> mergedHere = Map.of("id", (int) here, "members", pairs);
        Map<String, Object> mergedThere = Map.of("id", (int) there, "members", pairs);

        // the survivor's station: the file merged from the other community is not listed
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + survivor).then().statusCode(200)
                .body("mergedFrom", equalTo(List.of(mergedHere)));
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + here).then().statusCode(200)
                .body("mergedInto", equalTo((int) survivor));
        // the other community: its file, without the survivor it would get 404 for
        given().header("Authorization", clerkOf(tree.otherCommunity())).get("/api/v1/workers/" + survivor).then().statusCode(404);
        given().header("Authorization", clerkOf(tree.otherCommunity())).get("/api/v1/workers/" + there).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("mergedInto", nullValue()).body("mergedFrom", equalTo(List.of()));
        // the district above both, reviewers and services: everything
        for (String role : List.of(clerkOf(tree.district()), REVIEWER, bearer("service"), bearer("finance"))) {
            given().header("Authorization", role).get("/api/v1/workers/" + survivor).then().statusCode(200)
                    .body("mergedFrom", equalTo(List.of(mergedHere, mergedThere).stream()
                            .sorted((a, b) -> Integer.compare((int) a.get("id"), (int) b.get("id"))).toList()));
            given().header("Authorization", role).get("/api/v1/workers/" + there).then().statusCode(200)
                    .body("mergedInto", equalTo((int) survivor));
        }
    }
}
