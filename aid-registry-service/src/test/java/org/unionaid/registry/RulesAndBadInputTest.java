package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.time.LocalDate;
import java.time.ZoneId;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.check;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.transition;
import static org.unionaid.registry.Fixtures.worker;
import static org.unionaid.testsupport.TestTokens.bearer;
import static org.unionaid.testsupport.TestTokens.token;

/** Rules that could be walked around, and bad input that must be a 4xx naming the field. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class RulesAndBadInputTest {

    private static final String PROBLEM = "application/problem+json";
    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void onlyAnAdminOrAReviewerMarksAKeyEnterprise() {
        String code = Fixtures.creditCode();
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"name\":\"城东机械厂\",\"creditCode\":\"" + code + "\",\"status\":\"OPERATING\",\"keyEnterprise\":true}")
                .post("/api/v1/enterprises").then().statusCode(403).contentType(PROBLEM)
                .body("type", endsWith("key-enterprise-reserved"));
        // nothing was stored: the same code is still free
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON)
                .body("{\"name\":\"城东机械厂\",\"creditCode\":\"" + code + "\",\"status\":\"OPERATING\",\"keyEnterprise\":true}")
                .post("/api/v1/enterprises").then().statusCode(201).body("keyEnterprise", equalTo(true));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"name\":\"城西纺织厂\",\"creditCode\":\"" + Fixtures.creditCode() + "\",\"status\":\"OPERATING\"}")
                .post("/api/v1/enterprises").then().statusCode(201).body("keyEnterprise", equalTo(false));
    }

    @Test
    void aPublicNoticeStartsWhenItIsRecordedAndCannotBeBackDated() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        String clerk = clerkOf(tree.community());
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"step\":\"PUBLIC_NOTICE\",\"passed\":true,\"objection\":false,\"noticeStart\":\""
                        + today.minusDays(9) + "\",\"noticeEnd\":\"" + today.minusDays(2) + "\"}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("noticeStart"));
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"step\":\"PUBLIC_NOTICE\",\"passed\":true,\"objection\":false,\"noticeEnd\":\"" + today + "\"}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(400)
                .body("violations[0].field", equalTo("noticeEnd"))
                .body("violations[0].message", equalTo("a public notice ends 5 days after it starts ("
                        + today.plusDays(5) + "); leave noticeEnd out"));
        given().header("Authorization", clerk).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"step\":\"PUBLIC_NOTICE\",\"passed\":true,\"objection\":false,\"noticeEnd\":\"" + today + "\"}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("noticeEnd"))
                .body("violations[0].message", equalTo("公示在开始后 5 天结束（" + today.plusDays(5) + "）：请不要填写 noticeEnd"));
        given().header("Authorization", clerk).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"step\":\"PUBLIC_NOTICE\",\"passed\":true}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(400)
                .body("violations[0].field", equalTo("objection"))
                .body("violations[0].message", equalTo("请说明公示期间是否有异议"));
        given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/checks").then().body("items", empty());

        check(id, tree.community(), "{\"step\":\"FIRST_REVIEW\",\"passed\":true}");
        check(id, tree.community(), "{\"step\":\"HOME_VISIT\",\"passed\":true,\"consentSigned\":true}");
        check(id, tree.community(), "{\"step\":\"MEANS_CHECK\",\"passed\":true}");
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body("{\"step\":\"PUBLIC_NOTICE\",\"passed\":true,\"objection\":false,\"noticeStart\":\"" + today + "\"}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(201)
                .body("noticeStart", equalTo(today.toString())).body("noticeEnd", equalTo(today.plusDays(5).toString()));
        transition(id, REVIEWER, "{\"to\":\"ACTIVE\"}").statusCode(409).body("type", endsWith("checks-incomplete"))
                .body("detail", containsString("PUBLIC_NOTICE"));
        Fixtures.ageNotices(id, 4);
        transition(id, REVIEWER, "{\"to\":\"ACTIVE\"}").statusCode(409).body("detail", containsString("PUBLIC_NOTICE"));
        Fixtures.ageNotices(id, 1);
        transition(id, REVIEWER, "{\"to\":\"ACTIVE\"}").statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void aClerkWhoseStationIsMissingOrUnknownFindsNothingAndMayWriteNothing() {
        long id = Fixtures.pendingFile(tree.community(), idNumber(true));
        String id2 = idNumber(false);
        for (String clerk : new String[] {"Bearer " + token("clerk", null, "clerk-nowhere"),
                "Bearer " + token("clerk", "NO-SUCH-STATION", "clerk-lost"), "Bearer " + token("clerk", " ", "clerk-blank")}) {
            given().header("Authorization", clerk).get("/api/v1/workers").then().statusCode(200).body("items", empty());
            given().header("Authorization", clerk).queryParam("station", tree.community()).get("/api/v1/workers")
                    .then().statusCode(200).body("items", empty());
            given().header("Authorization", clerk).get("/api/v1/workers/" + id).then().statusCode(404).contentType(PROBLEM);
            given().header("Authorization", clerk).get("/api/v1/workers/" + id + "/history").then().statusCode(404);
            given().header("Authorization", clerk).contentType(ContentType.JSON).body("{\"idNumber\":\"" + id2 + "\"}")
                    .post("/api/v1/workers/lookup").then().statusCode(200).body("items", empty());
            given().header("Authorization", clerk).contentType(ContentType.JSON)
                    .body(worker(id2, tree.community(), "24000.00", "6000.00")).post("/api/v1/workers")
                    .then().statusCode(403).contentType(PROBLEM).body("type", endsWith("station-out-of-scope"));
            given().header("Authorization", clerk).contentType(ContentType.JSON)
                    .body("{\"to\":\"CANCELLED\",\"reason\":\"x\"}").post("/api/v1/workers/" + id + "/transitions")
                    .then().statusCode(404);
        }
        given().header("Authorization", REVIEWER).queryParam("station", "NO-SUCH-STATION").get("/api/v1/workers")
                .then().statusCode(200).body("items", empty());
    }

    /** The bound of 200 is common's token policy (the lead's change); the columns hold 255. */
    @Test
    void aSubjectOf200CharactersSignsEveryRecordAndOneOf250IsRefusedWith401() {
        String subject = "u".repeat(200);
        String clerk = "Bearer " + token("clerk", tree.community(), subject);
        Fixtures.minimumLivingStandard();
        long id = given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body(worker(idNumber(true), tree.community(), "24000.00", "6000.00")).post("/api/v1/workers")
                .then().statusCode(201).body("createdBy", equalTo(subject)).extract().jsonPath().getLong("id");
        given().header("Authorization", clerk).contentType(ContentType.JSON).body("{\"step\":\"FIRST_REVIEW\",\"passed\":true}")
                .post("/api/v1/workers/" + id + "/checks").then().statusCode(201).body("recordedBy", equalTo(subject));
        given().header("Authorization", "Bearer " + token("reviewer", null, "r".repeat(200))).get("/api/v1/workers/" + id)
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + token("admin", null, "a".repeat(200))).contentType(ContentType.JSON)
                .body("{\"monthlyAmount\":\"" + Fixtures.MONTHLY_MINIMUM + "\"}")
                .put("/api/v1/settings/minimum-living-standard/2000").then().statusCode(200);
        given().header("Authorization", REVIEWER).queryParam("limit", 200).get("/api/v1/workers/" + id + "/history")
                .then().statusCode(200).body("items.actor", hasItem(subject));
        given().header("Authorization", REVIEWER).queryParam("limit", 200).get("/api/v1/workers/" + id + "/access-log")
                .then().statusCode(200).body("items.actor", hasItem("r".repeat(200)));
        for (String path : new String[] {"/api/v1/workers/" + id, "/api/v1/workers"}) {
            given().header("Authorization", "Bearer " + token("clerk", tree.community(), "u".repeat(250)))
                    .get(path).then().statusCode(401).contentType(PROBLEM);
        }
        given().header("Authorization", "Bearer " + token("clerk", tree.community(), "u".repeat(250)))
                .contentType(ContentType.JSON).body(worker(idNumber(false), tree.community(), "24000.00", "6000.00"))
                .post("/api/v1/workers").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void errorsDoNotEchoTheIdNumberNameOrIncomeOfTheRequest() {
        String good = idNumber(true);
        String bad = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        String clerk = clerkOf(tree.community());
        Fixtures.minimumLivingStandard();
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body(worker(bad, tree.community(), "24000.00", "6000.00")).post("/api/v1/workers")
                .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("idNumber"))
                .body(not(containsString(bad))).body(not(containsString(bad.substring(6, 14))));
        given().header("Authorization", clerk).contentType(ContentType.JSON).body("{\"idNumber\":\"" + bad + "\"}")
                .post("/api/v1/workers/lookup").then().statusCode(400).body(not(containsString(bad)));
        String name = "欧阳" + "娜".repeat(60);
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body(worker(good, tree.community(), "24000.00", "6000.00").replace("张三", name)).post("/api/v1/workers")
                .then().statusCode(400).body("violations.field", hasItem("name")).body(not(containsString("欧阳")));
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body(worker(good, tree.community(), "108000.00", "0.00")).post("/api/v1/workers")
                .then().statusCode(422).body("type", endsWith("income-above-line"))
                .body(not(containsString("108000"))).body(not(containsString("3000")));
        given().header("Authorization", clerk).contentType(ContentType.JSON)
                .body(worker(good, tree.community(), "24000.00", "6000.00").replace("\"24000.00\"", "\"24000.00 yuan\""))
                .post("/api/v1/workers").then().statusCode(400).body("violations.field", hasItem("household.yearlyIncome"))
                .body(not(containsString("24000")));
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"items\":[" + worker(bad, tree.community(), "24000.00", "6000.00").replaceFirst("\\}$",
                        ",\"status\":\"ACTIVE\",\"createdAt\":\"2017-01-01T02:00:00Z\",\"activatedAt\":\"2017-01-10T02:00:00Z\"}")
                        + "]}")
                .post("/api/v1/workers/import").then().statusCode(200).body("results[0].error.type", equalTo("invalid-request"))
                .body(not(containsString(bad)));
    }

    @Test
    void datesOutsideAFilesLifeAreRefusedNamingTheField() {
        String id = idNumber(true);
        String body = worker(id, tree.community(), "24000.00", "6000.00");
        String clerk = clerkOf(tree.community());
        Fixtures.minimumLivingStandard();
        for (String date : new String[] {"0000-01-01", "+20000-01-01", "1899-12-31"}) {
            given().header("Authorization", clerk).contentType(ContentType.JSON)
                    .body(body.replace("1972-05-01", date)).post("/api/v1/workers")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("violations.field", hasItem("household.members[0].birthDate"));
            given().header("Authorization", clerk).contentType(ContentType.JSON)
                    .body(body.replace("\"migrantWorker\":false", "\"migrantWorker\":true,\"labourRelationSince\":\"" + date + "\""))
                    .post("/api/v1/workers").then().statusCode(400).body("violations.field", hasItem("labourRelationSince"));
            given().header("Authorization", clerk).contentType(ContentType.JSON)
                    .body(body.replace("\"mainCause\":\"ILLNESS\"", "\"mainCause\":\"ACCIDENT\",\"accident\":{\"date\":\""
                            + date + "\",\"kind\":\"INJURY\"}"))
                    .post("/api/v1/workers").then().statusCode(400).body("violations.field", hasItem("accident.date"));
        }
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"idNumber\":\"" + id + "\"}")
                .post("/api/v1/workers/lookup").then().statusCode(200).body("items", hasSize(0));
    }

    /** Passes once common turns a NUL in any text into a 400 (the lead's change); PostgreSQL refuses NUL in text. */
    @Test
    void aNulInANameIsA400NamingTheField() {
        Fixtures.minimumLivingStandard();
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body(worker(idNumber(true), tree.community(), "24000.00", "6000.00").replace("张三", "张\\u0000三"))
                .post("/api/v1/workers").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("name"));
    }
}
