package org.unionaid.registry;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.testsupport.PostgresResource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.unionaid.registry.Fixtures.OTHER_REVIEWER;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.check;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;
import static org.unionaid.registry.Fixtures.passAllChecks;
import static org.unionaid.registry.Fixtures.pendingFile;
import static org.unionaid.registry.Fixtures.transition;
import static org.unionaid.testsupport.TestTokens.token;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class FileLifecycleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);
    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
    }

    @Test
    void approvalNeedsEveryCheckNamingWhatIsMissing() {
        long id = pendingFile(tree.community(), idNumber(true));
        check(id, tree.community(), "{\"step\":\"FIRST_REVIEW\",\"passed\":true}");
        check(id, tree.community(), "{\"step\":\"PUBLIC_NOTICE\",\"passed\":true,\"objection\":false}");
        transition(id, REVIEWER, "{\"to\":\"ACTIVE\"}")
                .statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("checks-incomplete"))
                .body("detail", containsString("HOME_VISIT"))
                .body("detail", containsString("MEANS_CHECK"))
                .body("detail", containsString("PUBLIC_NOTICE"))
                .body("detail", not(containsString("FIRST_REVIEW")));
        readStatus(id, "PENDING");
    }

    @Test
    void aHomeVisitPassesOnlyWithSignedConsent() {
        long id = pendingFile(tree.community(), idNumber(true));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"step\":\"HOME_VISIT\",\"passed\":true,\"consentSigned\":false}")
                .post("/api/v1/workers/" + id + "/checks")
                .then().statusCode(400).body("violations[0].field", equalTo("consentSigned"));
    }

    @Test
    void whoeverEnteredAFileCannotApproveIt() {
        String maker = "Bearer " + token("reviewer", null, "reviewer-maker");
        minimum();
        long id = given().header("Authorization", maker).contentType(ContentType.JSON)
                .body(Fixtures.worker(idNumber(false), tree.community(), "24000.00", "6000.00"))
                .post("/api/v1/workers").then().statusCode(201).extract().jsonPath().getLong("id");
        passAllChecks(id, tree.community());
        transition(id, maker, "{\"to\":\"ACTIVE\"}").statusCode(403).body("type", endsWith("maker-checker"));
        LocalDate before = LocalDate.now(SHANGHAI);
        transition(id, OTHER_REVIEWER, "{\"to\":\"ACTIVE\"}").statusCode(200).body("status", equalTo("ACTIVE"))
                // a year from the day of the approval (midnight in Shanghai may pass while it is under way)
                .body("nextReviewDue", anyOf(equalTo(before.plusYears(1).toString()),
                        equalTo(LocalDate.now(SHANGHAI).plusYears(1).toString())));
    }

    @Test
    void aClerkCannotApproveButCanCancelAPendingFile() {
        long id = pendingFile(tree.community(), idNumber(true));
        passAllChecks(id, tree.community());
        transition(id, clerkOf(tree.community()), "{\"to\":\"ACTIVE\"}").statusCode(403);
        transition(id, clerkOf(tree.community()), "{\"to\":\"CANCELLED\"}").statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        transition(id, clerkOf(tree.community()), "{\"to\":\"CANCELLED\",\"reason\":\"entered twice\"}")
                .statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void walksTheLifecycleAndRefusesIllegalTransitionsKeepingTheHistory() {
        String id = idNumber(true);
        long file = pendingFile(tree.community(), id);
        passAllChecks(file, tree.community());
        transition(file, REVIEWER, "{\"to\":\"EXITED\",\"exitReason\":\"DEATH\"}")
                .statusCode(409).body("type", endsWith("illegal-transition"));
        transition(file, REVIEWER, "{\"to\":\"ACTIVE\",\"reason\":\"verified\"}").statusCode(200);
        transition(file, REVIEWER, "{\"to\":\"REJECTED\",\"reason\":\"late\"}").statusCode(409);
        transition(file, REVIEWER, "{\"to\":\"EXITED\"}").statusCode(400).body("violations[0].field", equalTo("exitReason"))
                .body("violations[0].message", equalTo("required to exit a file"));
        given().header("Authorization", REVIEWER).header("Accept-Language", "zh").contentType(ContentType.JSON)
                .body("{\"to\":\"EXITED\",\"reason\":\"new job\"}").post("/api/v1/workers/" + file + "/transitions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("exitReason"))
                .body("violations[0].message", equalTo("档案退出时必须填写"));
        transition(file, REVIEWER, "{\"to\":\"EXITED\",\"exitReason\":\"INCOME_ABOVE_LINE\",\"reason\":\"new job\"}")
                .statusCode(200).body("status", equalTo("EXITED")).body("exitReason", equalTo("INCOME_ABOVE_LINE"));
        transition(file, REVIEWER, "{\"to\":\"ACTIVE\"}").statusCode(409);

        var history = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.action"), List.of("CREATED", "CHECK", "CHECK", "CHECK", "CHECK", "TRANSITION", "TRANSITION"));
        assertThat(history.getList("items.toStatus"), java.util.Arrays.asList("PENDING", null, null, null, null, "ACTIVE", "EXITED"));
        assertThat(history.getList("items.actor").get(5), "reviewer-wang");
        assertThat(history.getList("items.reason").get(6), "new job");

        // The ID number is free again once the file has exited.
        Fixtures.create(tree.community(), Fixtures.worker(id, tree.community(), "24000.00", "6000.00")).statusCode(201);
    }

    @Test
    void aTemporaryFileIsConvertedToActiveAfterItsChecks() {
        minimum();
        String body = Fixtures.worker(idNumber(true), tree.community(), "24000.00", "6000.00")
                .replace("\"migrantWorker\":false", "\"migrantWorker\":false,\"temporary\":true");
        long id = Fixtures.create(tree.community(), body).statusCode(201).body("status", equalTo("TEMPORARY"))
                .extract().jsonPath().getLong("id");
        passAllChecks(id, tree.community());
        transition(id, REVIEWER, "{\"to\":\"ACTIVE\"}").statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void updatesNeedTheCurrentEtagAndRecomputeTheCategory() {
        long id = pendingFile(tree.community(), idNumber(false));
        String etag = given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id)
                .then().statusCode(200).header("ETag", notNullValue()).extract().header("ETag");
        String raise = "{\"household\":{\"yearlyIncome\":\"54000.00\",\"rigidCosts\":\"0.00\",\"members\":["
                + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\"},"
                + "{\"relation\":\"CHILD\",\"name\":\"张小红\",\"birthDate\":\"2010-01-01\",\"student\":true}]}}";
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON).body(raise)
                .patch("/api/v1/workers/" + id).then().statusCode(428).contentType("application/problem+json");
        String newTag = given().header("Authorization", clerkOf(tree.community())).header("If-Match", etag)
                .contentType(ContentType.JSON).body(raise)
                .patch("/api/v1/workers/" + id).then().statusCode(200)
                .body("category", equalTo("RELATIVE"))
                .body("perCapitaMonthlyIncome", equalTo("1500.00"))
                .body("household.members.id", equalTo(List.of(1, 3)))
                .extract().header("ETag");
        assertThat(!newTag.equals(etag), true);
        given().header("Authorization", clerkOf(tree.community())).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"phone\":\"13900000000\"}")
                .patch("/api/v1/workers/" + id).then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + id)
                .then().body("phone", equalTo("13800000000")).body("category", equalTo("RELATIVE"));
        given().header("Authorization", clerkOf(tree.community())).header("If-Match", newTag)
                .contentType(ContentType.JSON).body("{\"idNumber\":\"110105198001010011\"}")
                .patch("/api/v1/workers/" + id).then().statusCode(400)
                .body("violations[0].field", equalTo("idNumber"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id + "/history")
                .then().body("items.changedFields.flatten()", hasItem("household"));
    }

    @Test
    void aYearlyReviewRecomputesTheCategoryOnceAReviewerAppliesItAndListsDueFiles() {
        long id = Fixtures.activeFile(tree.community(), idNumber(true));
        long review = given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"household\":{\"yearlyIncome\":\"54000.00\",\"rigidCosts\":\"0.00\",\"members\":["
                        + "{\"id\":1,\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\"},"
                        + "{\"id\":2,\"relation\":\"CHILD\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\"}]}}")
                .post("/api/v1/workers/" + id + "/reviews")
                .then().statusCode(201).body("outcome", equalTo("ELIGIBLE")).body("category", equalTo("RELATIVE"))
                .body("status", equalTo("PENDING")).extract().jsonPath().getLong("id");
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("category", equalTo("DEEP"));
        given().header("Authorization", REVIEWER).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/api/v1/workers/" + id + "/reviews/" + review + "/decision").then().statusCode(200)
                .body("status", equalTo("APPLIED"));
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("category", equalTo("RELATIVE"));
        given().header("Authorization", clerkOf(tree.community())).contentType(ContentType.JSON)
                .body("{\"household\":{\"yearlyIncome\":\"200000.00\",\"rigidCosts\":\"0.00\"}}")
                .post("/api/v1/workers/" + id + "/reviews")
                .then().statusCode(201).body("outcome", equalTo("ABOVE_LINE")).body("exitProposed", equalTo(true));
        // Nothing is due a year ahead; a file never reviewed since activation a year ago would be.
        given().header("Authorization", clerkOf(tree.community())).queryParam("reviewDue", true)
                .get("/api/v1/workers").then().statusCode(200).body("items.id", not(hasItem((int) id)));
    }

    private static void minimum() {
        Fixtures.minimumLivingStandard();
    }

    private static void readStatus(long id, String status) {
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().body("status", equalTo(status));
    }

    private static void assertThat(Object actual, Object expected) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
