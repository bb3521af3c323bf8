package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.testsupport.PostgresResource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.testsupport.TestTokens.bearer;

/** Masking leaves nothing that rebuilds the ID number, and every read of a household is in the access log. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class WhatEachRoleSeesTest {

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void noAnswerToARoleWithTheMaskedNumberCarriesTheBirthDateThatWouldUnmaskIt() {
        String idNumber = idNumber(true);
        LocalDate birth = IdNumbers.birthDate(idNumber);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        String clerk = clerkOf(tree.community());
        String etag = given().header("Authorization", clerk).get("/api/v1/workers/" + id).then().statusCode(200)
                .body("idNumber", equalTo(IdNumbers.mask(idNumber)))
                .body("birthYear", equalTo(birth.getYear())).body("birthDate", nullValue())
                .extract().header("ETag");
        List<String> answers = new ArrayList<>();
        answers.add(given().header("Authorization", clerk).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"phone\":\"13900000000\"}").patch("/api/v1/workers/" + id).then().statusCode(200)
                .body("birthDate", nullValue()).extract().asString());
        String service = bearer("service");
        for (String role : List.of(clerk, bearer("finance"), bearer("admin"), service)) {
            answers.add(given().header("Authorization", role).get("/api/v1/workers/" + id).then().statusCode(200)
                    .body("idNumber", equalTo(IdNumbers.mask(idNumber))).body("birthYear", equalTo(birth.getYear()))
                    .extract().asString());
            if (role.equals(service)) {
                // services read a file by id; none lists files or looks up ID numbers
                given().header("Authorization", role).contentType(ContentType.JSON)
                        .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup").then().statusCode(403);
                given().header("Authorization", role).get("/api/v1/workers").then().statusCode(403);
                continue;
            }
            answers.add(given().header("Authorization", role).contentType(ContentType.JSON)
                    .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup").then().statusCode(200)
                    .body("items[0].id", equalTo((int) id)).extract().asString());
            answers.add(given().header("Authorization", role).queryParam("station", tree.community())
                    .get("/api/v1/workers").then().statusCode(200).body("items[0].id", equalTo((int) id))
                    .extract().asString());
        }
        for (String role : List.of(clerk, bearer("admin"))) {
            answers.add(given().header("Authorization", role).get("/api/v1/workers/" + id + "/history")
                    .then().statusCode(200).extract().asString());
            answers.add(given().header("Authorization", role).get("/api/v1/workers/" + id + "/checks")
                    .then().statusCode(200).extract().asString());
        }
        answers.add(given().header("Authorization", bearer("admin")).get("/api/v1/workers/" + id + "/access-log")
                .then().statusCode(200).extract().asString());
        answers.add(given().header("Authorization", bearer("service")).queryParam("limit", 1000)
                .get("/api/v1/feed/workers").then().statusCode(200).extract().asString());
        answers.add(given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"to\":\"CANCELLED\",\"reason\":\"entered twice\"}").post("/api/v1/workers/" + id + "/transitions")
                .then().statusCode(200).body("birthDate", nullValue()).extract().asString());
        for (String answer : answers) {
            assertFalse(answer.contains(birth.toString()), "an answer carries the birth date: " + answer);
            assertFalse(answer.contains(birth.toString().replace("-", "")), "an answer carries the birth date: " + answer);
            assertFalse(answer.contains(idNumber), "an answer carries the ID number: " + answer);
        }
        // the reviewer, who sees the whole number, sees the date too
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().statusCode(200)
                .body("idNumber", equalTo(idNumber)).body("birthDate", equalTo(birth.toString()))
                .body("birthYear", equalTo(birth.getYear()));
    }

    @Test
    void everyReadOfAHouseholdByAnyRoleIsWrittenInTheAccessLog() {
        String idNumber = idNumber(false);
        long id = Fixtures.pendingFile(tree.community(), idNumber);
        String clerk = clerkOf(tree.community());
        given().header("Authorization", clerk).get("/api/v1/workers/" + id).then().statusCode(200);
        given().header("Authorization", bearer("finance")).get("/api/v1/workers/" + id).then().statusCode(200);
        given().header("Authorization", bearer("service")).get("/api/v1/workers/" + id).then().statusCode(200);
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"idNumber\":\"" + idNumber + "\"}").post("/api/v1/workers/lookup").then().statusCode(200);
        given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/checks").then().statusCode(200);
        given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/history").then().statusCode(200);
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().statusCode(200);
        // a read of another file, and a page that does not hold this one, leave no row for it
        given().header("Authorization", bearer("finance")).get("/api/v1/workers/" + (id + 1_000_000)).then().statusCode(404);
        given().header("Authorization", clerk).queryParam("status", "ACTIVE").get("/api/v1/workers").then().statusCode(200);

        JsonPath log = given().header("Authorization", REVIEWER).queryParam("limit", 200)
                .get("/api/v1/workers/" + id + "/access-log").then().statusCode(200).extract().jsonPath();
        List<String> reads = new ArrayList<>();
        for (Map<String, Object> entry : log.<Map<String, Object>>getList("items")) {
            reads.add(entry.get("actor") + " " + entry.get("purpose") + (Boolean.TRUE.equals(entry.get("fullIdNumber")) ? " full" : ""));
        }
        String clerkName = "clerk-" + tree.community();
        assertEquals(List.of(clerkName + " CREATE", clerkName + " VIEW", "test-finance VIEW", "test-service VIEW",
                "test-admin LOOKUP", clerkName + " CHECKS", clerkName + " HISTORY", "reviewer-wang VIEW full"), reads);
    }

    @Test
    void aListPageWritesOneReadForEachFileOnItAndNoneForTheOthers() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(Fixtures.pendingFile(tree.otherCommunity(), idNumber(i % 2 == 0)));
        }
        String clerk = clerkOf(tree.otherCommunity());
        given().header("Authorization", clerk).queryParam("limit", 2).get("/api/v1/workers").then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(0).intValue(), ids.get(1).intValue())));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", REVIEWER).get("/api/v1/workers/" + ids.get(i) + "/access-log").then()
                    .statusCode(200)
                    .body("items.findAll { it.purpose == 'LIST' }.actor",
                            equalTo(i < 2 ? List.of("clerk-" + tree.otherCommunity()) : List.of()))
                    .body("items.findAll { it.purpose == 'LIST' }.fullIdNumber", equalTo(i < 2 ? List.of(false) : List.of()));
        }
    }
}
