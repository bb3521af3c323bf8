package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.testsupport.PostgresResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.create;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.worker;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class HardshipFileEntryTest {

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void entersAPendingDeepFileWithBirthYearSexAndTheIdNumberMaskedButNoBirthDate() {
        String id = idNumber(true);
        // (24,000 - 6,000) / 12 / 3 = 500.00 a month, below the 低保 of 1,000: DEEP.
        create(tree.community(), worker(id, tree.community(), "24000.00", "6000.00"))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/v1/workers/"))
                .body("status", equalTo("PENDING"))
                .body("category", equalTo("DEEP"))
                .body("perCapitaMonthlyIncome", equalTo("500.00"))
                .body("idNumber", equalTo("*".repeat(14) + id.substring(14)))
                .body("birthYear", equalTo(IdNumbers.birthDate(id).getYear()))
                .body("birthDate", org.hamcrest.Matchers.nullValue())
                .body("sex", equalTo("MALE"))
                .body("household.size", equalTo(3))
                .body("household.members.id", equalTo(java.util.List.of(1, 2)))
                .body("createdBy", equalTo("clerk-" + tree.community()));
    }

    @Test
    void computesRelativeBetweenOneAndTwiceTheStandardAndAccidentAboveIt() {
        // 54,000 / 12 / 3 = 1,500: RELATIVE.
        create(tree.community(), worker(idNumber(false), tree.community(), "54000.00", "0.00"))
                .statusCode(201).body("category", equalTo("RELATIVE")).body("sex", equalTo("FEMALE"));
        // 90,000 / 12 / 3 = 2,500 but hardship costs of 80,000 are above 80 % of 90,000... the
        // disposable part (10,000) brings per-capita to 277.78, so the income test already says DEEP.
        create(tree.community(), worker(idNumber(true), tree.community(), "90000.00", "80000.00"))
                .statusCode(201).body("category", equalTo("DEEP")).body("perCapitaMonthlyIncome", equalTo("277.78"));
        // 108,000 / 12 / 3 = 3,000, above twice the standard, but an accident: ACCIDENT.
        String accident = worker(idNumber(true), tree.community(), "108000.00", "0.00")
                .replace("\"mainCause\":\"ILLNESS\"", "\"mainCause\":\"ACCIDENT\",\"accident\":{\"date\":\"2024-03-01\","
                        + "\"kind\":\"INJURY\",\"description\":\"work injury\"}");
        create(tree.community(), accident).statusCode(201).body("category", equalTo("ACCIDENT"))
                .body("accident.kind", equalTo("INJURY"));
    }

    @Test
    void refusesAHouseholdAboveTheLineAndStoresNothing() {
        String id = idNumber(true);
        create(tree.community(), worker(id, tree.community(), "108000.00", "0.00"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("income-above-line"))
                .body("detail", not(containsString("3000")))
                .body(not(containsString("108000")));
        lookup(id).statusCode(200).body("items", empty());
    }

    @Test
    void rejectsAWrongIdChecksumNamingTheFieldAndStoresNothing() {
        String good = idNumber(true);
        char wrong = good.charAt(17) == '1' ? '2' : '1';
        String bad = good.substring(0, 17) + wrong;
        create(tree.community(), worker(bad, tree.community(), "24000.00", "6000.00"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("idNumber"))
                .body("requestId", notNullValue())
                .body("detail", notNullValue());
        lookup(good).statusCode(200).body("items", empty());
    }

    @Test
    void answersMalformedJsonWrongTypesAndUnknownEnumsWithProblems() {
        String id = idNumber(true);
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", ").post("/api/v1/workers")
                .then().statusCode(400).contentType("application/problem+json").body("type", endsWith("malformed-json"));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body(worker(id, tree.community(), "24000.00", "6000.00").replace("\"24000.00\"", "\"lots\""))
                .post("/api/v1/workers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("household.yearlyIncome"));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body(worker(id, tree.community(), "24000.00", "6000.00").replace("\"ILLNESS\"", "\"BAD_LUCK\""))
                .post("/api/v1/workers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("mainCause"))
                .body("violations[0].message", containsString("ILLNESS"));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body(worker(id, tree.community(), "24000.123", "6000.00"))
                .post("/api/v1/workers")
                .then().statusCode(400).body("violations[0].field", equalTo("household.yearlyIncome"));
        lookup(id).statusCode(200).body("items", empty());
    }

    @Test
    void refusesABodyOfTwoMebibytesWith413() {
        String id = idNumber(true);
        String padding = "x".repeat(2 * 1024 * 1024);
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body(worker(id, tree.community(), "24000.00", "6000.00").replace("\"张三\"", "\"" + padding + "\""))
                .post("/api/v1/workers")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        lookup(id).statusCode(200).body("items", empty());
    }

    @Test
    void explainsProblemsInChineseWhenAsked() {
        given().header("Authorization", clerkOf(tree.community())).header("Accept-Language", "zh")
                .contentType(ContentType.JSON)
                .body(worker("110105198001010010", tree.community(), "24000.00", "6000.00"))
                .post("/api/v1/workers")
                .then().statusCode(400).body("title", equalTo("请求无效"))
                .body("violations[0].message", containsString("身份证号"));
    }

    @Test
    void rejectsASecondOpenFileForTheSameIdNumber() {
        String id = idNumber(false);
        create(tree.community(), worker(id, tree.community(), "24000.00", "6000.00")).statusCode(201);
        create(tree.otherCommunity(), worker(id.toLowerCase(), tree.otherCommunity(), "24000.00", "6000.00"))
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("duplicate-open-file"));
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON)
                .body("{\"idNumber\":\"" + id + "\"}").post("/api/v1/workers/lookup")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].idNumber", equalTo(id));
    }

    @Test
    void refusesAStationOutsideTheClerksTreeAndAnUnknownOne() {
        create(tree.community(), worker(idNumber(true), tree.otherCommunity(), "24000.00", "6000.00"))
                .statusCode(403).contentType("application/problem+json");
        create(tree.community(), worker(idNumber(true), "NO-SUCH", "24000.00", "6000.00"))
                .statusCode(422).body("type", endsWith("unknown-station"));
    }

    @Test
    void requiresAYearOfLabourRelationForAMigrantWorker() {
        String body = worker(idNumber(true), tree.community(), "24000.00", "6000.00")
                .replace("\"migrantWorker\":false", "\"migrantWorker\":true,\"labourRelationSince\":\""
                        + java.time.LocalDate.now().minusMonths(3) + "\"");
        create(tree.community(), body).statusCode(422).body("type", endsWith("migrant-too-recent"));
        String older = worker(idNumber(true), tree.community(), "24000.00", "6000.00")
                .replace("\"migrantWorker\":false", "\"migrantWorker\":true,\"labourRelationSince\":\"2020-01-01\"");
        create(tree.community(), older).statusCode(201).body("migrantWorker", equalTo(true));
    }

    @Test
    void listsFilesByFilterWithKeysetPages() {
        for (int i = 0; i < 5; i++) {
            create(tree.otherCommunity(), worker(idNumber(i % 2 == 0), tree.otherCommunity(), "24000.00", "6000.00"))
                    .statusCode(201);
        }
        var first = given().header("Authorization", clerkOf(tree.otherCommunity()))
                .queryParam("limit", 3).queryParam("status", "PENDING").queryParam("category", "DEEP")
                .get("/api/v1/workers").then().statusCode(200)
                .header("Link", containsString("rel=\"next\""))
                .body("items", hasSize(3))
                .body("items[0].idNumber", containsString("********"))
                .extract().jsonPath();
        String cursor = first.getString("nextCursor");
        given().header("Authorization", clerkOf(tree.otherCommunity()))
                .queryParam("limit", 3).queryParam("status", "PENDING").queryParam("category", "DEEP")
                .queryParam("cursor", cursor)
                .get("/api/v1/workers").then().statusCode(200)
                .body("items", hasSize(2))
                .body("nextCursor", equalTo(null));
        given().header("Authorization", REVIEWER).queryParam("station", tree.district()).queryParam("limit", 200)
                .get("/api/v1/workers").then().statusCode(200)
                .body("items.stationCode", hasItem(tree.otherCommunity()));
        given().header("Authorization", REVIEWER).queryParam("limit", 0).get("/api/v1/workers")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
        given().header("Authorization", REVIEWER).queryParam("cursor", "not-a-cursor").get("/api/v1/workers")
                .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
        given().header("Authorization", REVIEWER).queryParam("status", "SLEEPING").get("/api/v1/workers")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static io.restassured.response.ValidatableResponse lookup(String id) {
        return given().header("Authorization", REVIEWER).contentType(ContentType.JSON)
                .body("{\"idNumber\":\"" + id + "\"}").post("/api/v1/workers/lookup").then();
    }
}
