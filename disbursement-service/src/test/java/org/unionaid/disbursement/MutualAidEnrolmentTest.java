package org.unionaid.disbursement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.disbursement.support.IdNumbers;
import org.unionaid.disbursement.support.Race;
import org.unionaid.disbursement.support.RegistryStub;
import org.unionaid.disbursement.support.Stub;
import org.unionaid.testsupport.PostgresResource;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.disbursement.support.Api.ADMIN;
import static org.unionaid.disbursement.support.Api.CLERK_A;
import static org.unionaid.disbursement.support.Api.FINANCE;
import static org.unionaid.disbursement.support.Api.REVIEWER;
import static org.unionaid.disbursement.support.Api.SERVICE;
import static org.unionaid.disbursement.support.Api.allItems;
import static org.unionaid.disbursement.support.Api.as;
import static org.unionaid.disbursement.support.Api.freshYear;

/** Members enrolled per year (issue 18): sealed and blind-indexed, once a year, one by one or from a CSV file; the feed. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RegistryStub.class)
class MutualAidEnrolmentTest {

    private static final AtomicLong NEXT_ENTERPRISE = new AtomicLong(9_100);
    private static final String ENROLMENTS = "/api/v1/mutual-aid/enrolments";

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void registry() {
        Stub.stations();
    }

    static long enterprise(String status) {
        long id = NEXT_ENTERPRISE.getAndIncrement();
        Stub.enterprise(id, status, false);
        return id;
    }

    static String enrolment(String idNumber, String name, long enterpriseId, int year, String premium, String paidBy) {
        return """
                {"idNumber": "%s", "name": "%s", "enterpriseId": %d, "year": %d, %s "paidBy": "%s"}"""
                .formatted(idNumber, name, enterpriseId, year, premium == null ? "" : "\"premium\": \"" + premium + "\",", paidBy);
    }

    @Test
    void enrolsAMemberWithTheIdNumberMaskedAnswersAndSealedAtRest() throws SQLException {
        long enterprise = enterprise("OPERATING");
        int year = freshYear();
        String id = IdNumbers.fresh();
        JsonPath created = as(CLERK_A).body(enrolment(id, "王芳", enterprise, year, "120.00", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(201)
                .header("Location", containsString(ENROLMENTS + "/"))
                .body("idNumber", equalTo("**************" + id.substring(14)))
                .body("name", equalTo("王芳")).body("enterpriseId", equalTo((int) enterprise)).body("year", equalTo(year))
                .body("premium", equalTo("120.00")).body("paidBy", equalTo("MEMBER")).body("bankAccount", nullValue())
                .extract().jsonPath();
        long enrolmentId = created.getLong("id");
        as(FINANCE).get(ENROLMENTS + "/" + enrolmentId).then().statusCode(200)
                .body("memberId", equalTo(created.getInt("memberId"))).body("idNumber", equalTo(created.getString("idNumber")));
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id_number_index, id_number, name FROM mutual_aid_member m"
                     + " JOIN mutual_aid_enrolment e ON e.member_id = m.id WHERE e.id = ?")) {
            s.setLong(1, enrolmentId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                assertEquals(32, r.getBytes(1).length);
                assertFalse(new String(r.getBytes(2), StandardCharsets.ISO_8859_1).contains(id.substring(6, 14)),
                        "the ID number is sealed at rest");
                assertFalse(new String(r.getBytes(3), StandardCharsets.UTF_8).contains("王芳"), "the name is sealed at rest");
            }
        }
    }

    @Test
    void aSecondEnrolmentOfTheMemberInTheYearIs409AndTheNextYearIsAnotherEnrolmentOfTheSameMember() {
        long enterprise = enterprise("OPERATING");
        int year = freshYear();
        String id = IdNumbers.fresh();
        long member = as(CLERK_A).body(enrolment(id, "李强", enterprise, year, "100", "UNION"))
                .post(ENROLMENTS).then().statusCode(201).extract().jsonPath().getLong("memberId");
        as(REVIEWER).body(enrolment(id.toLowerCase(), "李强", enterprise(  "OPERATING"), year, "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith(":already-enrolled"));
        as(CLERK_A).body(enrolment(id, "李强", enterprise, year + 1, "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(201).body("memberId", equalTo((int) member)).body("year", equalTo(year + 1));
        assertEquals(1, allItems(ADMIN, ENROLMENTS + "?year=" + year, "id", Long.class).size());
    }

    @Test
    void badInputIsA4xxProblemNamingTheField() {
        long enterprise = enterprise("OPERATING");
        int year = freshYear();
        as(CLERK_A).body(enrolment(IdNumbers.wrongCheck(IdNumbers.fresh()), "张伟", enterprise, year, "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith(":invalid-enrolment")).body("violations[0].field", equalTo("idNumber"))
                .body("violations[0].message", equalTo("must be an 18-character resident ID number with a valid check character"));
        // the field's message in the caller's language, as the problem's title and detail
        as(CLERK_A).header("Accept-Language", "zh").body(enrolment(IdNumbers.wrongCheck(IdNumbers.fresh()), "张伟", enterprise, year,
                        "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).body("violations[0].field", equalTo("idNumber"))
                .body("violations[0].message", equalTo("须为 18 位居民身份证号码，且校验码正确"));
        as(CLERK_A).body(enrolment(IdNumbers.fresh(), "张伟", 8_999_999, year, "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).body("type", endsWith(":unknown-enterprise"))
                .body("violations[0].field", equalTo("enterpriseId"));
        as(CLERK_A).body(enrolment(IdNumbers.fresh(), "张伟", enterprise, year, null, "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).body("violations[0].field", equalTo("premium"));
        as(CLERK_A).body(enrolment(IdNumbers.fresh(), "张伟", enterprise, year, "100", "NOBODY"))
                .post(ENROLMENTS).then().statusCode(400);
        as(CLERK_A).body(enrolment(IdNumbers.fresh(), "张伟", enterprise, year, "-5", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(400).body("violations[0].field", equalTo("premium"));
        as(FINANCE).body(enrolment(IdNumbers.fresh(), "张伟", enterprise, year, "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(403);
        as(CLERK_A).header("Accept-Language", "zh").body(enrolment(IdNumbers.wrongCheck(IdNumbers.fresh()), "张伟", enterprise, year, "100", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).body("title", equalTo("参保被拒"));
        assertEquals(0, allItems(ADMIN, ENROLMENTS + "?year=" + year, "id", Long.class).size());
    }

    @Test
    void withoutAPremiumTheYearsPlanPremiumIsCharged() {
        int year = freshYear();
        as(ADMIN).body(plan("150.00", 90, "0.5", "20000", "50000")).put("/api/v1/mutual-aid/plans/" + year).then().statusCode(200);
        as(CLERK_A).body(enrolment(IdNumbers.fresh(), "赵敏", enterprise("CLOSED"), year, null, "UNION"))
                .post(ENROLMENTS).then().statusCode(201).body("premium", equalTo("150.00")).body("paidBy", equalTo("UNION"));
    }

    @Test
    void aBulkFileEnrolsWhatPassesAndRefusesEachBadLineOnItsOwn() {
        long enterprise = enterprise("CLOSED");
        int year = freshYear();
        String before = IdNumbers.fresh();
        as(CLERK_A).body(enrolment(before, "周一", enterprise, year, "80", "UNION")).post(ENROLMENTS).then().statusCode(201);
        String a = IdNumbers.fresh();
        String b = IdNumbers.fresh();
        String csv = "idNumber,name,premium,paidBy\n"
                + a + ",吴二,80,UNION\n"
                + IdNumbers.wrongCheck(IdNumbers.fresh()) + ",郑三,80,UNION\n"
                + b + ",\"王, 四\",80.5,ENTERPRISE\n"
                + IdNumbers.fresh() + ",冯五,eighty,UNION\n"
                + before + ",周一,80,UNION\n"
                + a + ",吴二,80,UNION\n"
                + IdNumbers.fresh() + ",陈六,80,SOMEONE\n";
        JsonPath result = bulk(enterprise, year, csv, StandardCharsets.UTF_8).statusCode(200)
                .body("enrolled", equalTo(2)).body("alreadyEnrolled", equalTo(2)).body("refused", equalTo(3))
                .body("items", hasSize(7))
                .body("items.result", equalTo(List.of("ENROLLED", "REFUSED", "ENROLLED", "REFUSED", "ALREADY_ENROLLED",
                        "ALREADY_ENROLLED", "REFUSED")))
                .body("items.line", equalTo(List.of(2, 3, 4, 5, 6, 7, 8)))
                .body("items[1].field", equalTo("idNumber")).body("items[1].problem", equalTo("invalid-enrolment"))
                .body("items[3].field", equalTo("premium")).body("items[6].field", equalTo("paidBy"))
                .body("items[0].idNumber", equalTo("**************" + a.substring(14)))
                .extract().jsonPath();
        List<Map<String, Object>> listed = as(REVIEWER).get(ENROLMENTS + "?enterpriseId=" + enterprise + "&year=" + year)
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertEquals(3, listed.size());
        assertEquals(result.getLong("items[2].enrolmentId"), ((Number) listed.get(2).get("id")).longValue());
        assertEquals("王, 四", listed.get(2).get("name"));
        assertEquals("80.50", listed.get(2).get("premium"));
        assertEquals("ENTERPRISE", listed.get(2).get("paidBy"));
    }

    @Test
    void aFileThatCannotBeReadWholeIsA400NamingTheLineAndEnrolsNobody() {
        long enterprise = enterprise("OPERATING");
        int year = freshYear();
        String good = IdNumbers.fresh() + ",甲,80,MEMBER\n";
        bulk(enterprise, year, "idNumber,name,premium,paidBy\n" + good + IdNumbers.fresh() + ",乙,80\n", StandardCharsets.UTF_8)
                .statusCode(400).body("type", endsWith(":enrolment-line-malformed")).body("violations[0].field", equalTo("line 3"));
        bulk(enterprise, year, "idNumber,name,premium,paidBy\n" + good + IdNumbers.fresh() + ",\"乙,80,MEMBER\n", StandardCharsets.UTF_8)
                .statusCode(400).body("type", endsWith(":enrolment-file-truncated"));
        bulk(enterprise, year, "id,name,premium,paidBy\n" + good, StandardCharsets.UTF_8)
                .statusCode(400).body("type", endsWith(":enrolment-file-header")).body("violations[0].field", equalTo("line 1"));
        byte[] notUtf8 = ("idNumber,name,premium,paidBy\n" + good + IdNumbers.fresh() + ",丙,80,MEMBER\n").getBytes(Charset.forName("GBK"));
        given().header("Authorization", CLERK_A).header("Accept-Language", "zh").contentType("text/csv; charset=UTF-8").body(notUtf8)
                .post(ENROLMENTS + "/bulk?enterpriseId=" + enterprise + "&year=" + year).then()
                .statusCode(400).body("type", endsWith(":enrolment-file-encoding")).body("violations[0].field", equalTo("line 2"))
                .body("violations[0].message", equalTo("含有不属于 UTF-8 编码的字节"));
        bulk(enterprise, year, "idNumber,name,premium,paidBy\n", StandardCharsets.UTF_8).statusCode(400)
                .body("type", endsWith(":enrolment-file-empty"));
        given().header("Authorization", CLERK_A).contentType("text/csv; charset=UTF-8").body(good.getBytes(StandardCharsets.UTF_8))
                .post(ENROLMENTS + "/bulk?year=" + year).then().statusCode(400).body("violations[0].field", equalTo("enterpriseId"));
        assertEquals(0, allItems(ADMIN, ENROLMENTS + "?year=" + year, "id", Long.class).size());
        // The same file in GBK, named so, reads.
        bulk(enterprise, year, "idNumber,name,premium,paidBy\n" + good, Charset.forName("GBK")).statusCode(200)
                .body("enrolled", equalTo(1));
        assertEquals("甲", as(ADMIN).get(ENROLMENTS + "?year=" + year).then().extract().jsonPath().getString("items[0].name"));
    }

    @Test
    void theEnrolmentFeedGivesEachEnrolmentOnceInSeqOrderWithNoPersonalData() {
        long enterprise = enterprise("CLOSED");
        int year = freshYear();
        long last = given().header("Authorization", SERVICE).get("/api/v1/feed/enrolments?after=0&limit=1000").then()
                .statusCode(200).extract().jsonPath().getLong("lastSeq");
        String id = IdNumbers.fresh();
        JsonPath made = as(CLERK_A).body(enrolment(id, "孙七", enterprise, year, "60", "UNION")).post(ENROLMENTS)
                .then().statusCode(201).extract().jsonPath();
        bulk(enterprise, year, "idNumber,name,premium,paidBy\n" + IdNumbers.fresh() + ",钱八,60,UNION\n", StandardCharsets.UTF_8)
                .statusCode(200);
        String body = given().header("Authorization", SERVICE).get("/api/v1/feed/enrolments?after=" + last + "&limit=10")
                .then().statusCode(200).contentType("application/json")
                .body("items", hasSize(2))
                .body("items[0].enrolmentId", equalTo(made.getInt("id")))
                .body("items[0].memberId", equalTo(made.getInt("memberId")))
                .body("items[0].enterpriseId", equalTo((int) enterprise)).body("items[0].year", equalTo(year))
                .body("items[0].premium", equalTo("60.00")).body("items[0].paidBy", equalTo("UNION"))
                .body("items[0].enrolledAt", startsWith(String.valueOf(java.time.Year.now().getValue()).substring(0, 2)))
                .extract().asString();
        JsonPath page = new JsonPath(body);
        assertTrue(page.getLong("items[1].seq") > page.getLong("items[0].seq"));
        assertEquals(page.getLong("items[1].seq"), page.getLong("lastSeq"));
        assertFalse(body.contains(id.substring(14)) || body.contains("孙七") || body.contains("idNumber") || body.contains("name"),
                "no ID number, name or index in the feed");
        given().header("Authorization", SERVICE).get("/api/v1/feed/enrolments?after=" + page.getLong("lastSeq")).then()
                .statusCode(200).body("items", hasSize(0)).body("lastSeq", equalTo((int) page.getLong("lastSeq")));
        given().header("Authorization", CLERK_A).get("/api/v1/feed/enrolments").then().statusCode(403);
        given().header("Authorization", SERVICE).get("/api/v1/feed/enrolments?limit=0").then().statusCode(400);
    }

    @Test
    void concurrentEnrolmentsOfOneMemberEnrolHimOnceAndTheOthersAreToldSo() throws Exception {
        long enterprise = enterprise("OPERATING");
        int year = freshYear();
        String id = IdNumbers.fresh();
        String other = IdNumbers.fresh();
        List<Integer> single = Race.of(4, n -> as(CLERK_A).body(enrolment(id, "何九", enterprise, year, "50", "MEMBER"))
                .post(ENROLMENTS).then().extract().statusCode());
        assertEquals(1, single.stream().filter(s -> s == 201).count(), single.toString());
        assertEquals(3, single.stream().filter(s -> s == 409).count(), single.toString());
        String csv = "idNumber,name,premium,paidBy\n" + id + ",何九,50,MEMBER\n" + other + ",许十,50,MEMBER\n";
        List<String> bulks = Race.of(3, n -> bulk(enterprise, year, csv, StandardCharsets.UTF_8).statusCode(200)
                .extract().jsonPath().getString("items.result"));
        assertEquals(1, bulks.stream().filter(r -> r.equals("[ALREADY_ENROLLED, ENROLLED]")).count(), bulks.toString());
        assertEquals(2, bulks.stream().filter(r -> r.equals("[ALREADY_ENROLLED, ALREADY_ENROLLED]")).count(), bulks.toString());
        assertEquals(2, allItems(ADMIN, ENROLMENTS + "?year=" + year, "id", Long.class).size());
    }

    @Test
    void anEnrolmentRetriedWithItsIdempotencyKeyIsAnsweredAgainNotMadeTwice() {
        long enterprise = enterprise("OPERATING");
        int year = freshYear();
        String body = enrolment(IdNumbers.fresh(), "曹操", enterprise, year, "50", "MEMBER");
        long first = as(CLERK_A).header("Idempotency-Key", "enrol-" + year).body(body).post(ENROLMENTS).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as(CLERK_A).header("Idempotency-Key", "enrol-" + year).body(body).post(ENROLMENTS).then().statusCode(201)
                .header("Idempotency-Replayed", "true").body("id", equalTo((int) first));
        as(CLERK_A).header("Idempotency-Key", "enrol-" + year).body(enrolment(IdNumbers.fresh(), "曹操", enterprise, year, "50", "MEMBER"))
                .post(ENROLMENTS).then().statusCode(422).body("type", endsWith(":idempotency-key-reused"));
        String csv = "idNumber,name,premium,paidBy\n" + IdNumbers.fresh() + ",刘备,50,MEMBER\n";
        given().header("Authorization", CLERK_A).header("Idempotency-Key", "bulk-" + year).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post(ENROLMENTS + "/bulk?enterpriseId=" + enterprise + "&year=" + year)
                .then().statusCode(200).body("enrolled", equalTo(1));
        given().header("Authorization", CLERK_A).header("Idempotency-Key", "bulk-" + year).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post(ENROLMENTS + "/bulk?enterpriseId=" + enterprise + "&year=" + year)
                .then().statusCode(200).header("Idempotency-Replayed", "true").body("enrolled", equalTo(1));
        assertEquals(2, allItems(ADMIN, ENROLMENTS + "?year=" + year, "id", Long.class).size());
    }

    @Test
    void thePlanOfAYearIsSetByAnAdminAndKeepsItsHistory() {
        int year = freshYear();
        String url = "/api/v1/mutual-aid/plans/" + year;
        as(ADMIN).body(plan("120", 90, "0.5", "20000", "50000")).put(url).then().statusCode(200)
                .body("current.share", equalTo("0.5000")).body("history", hasSize(1));
        as(ADMIN).body(plan("130", 60, "0.6", "25000", "60000")).put(url).then().statusCode(200)
                .body("current.premium", equalTo("130.00")).body("current.waitingDays", equalTo(60))
                .body("current.updatedBy", equalTo("admin-sun"))
                .body("history.premium", equalTo(List.of("120.00", "130.00")))
                .body("history.waitingDays", equalTo(List.of(90, 60)));
        as(FINANCE).get(url).then().statusCode(200).body("current.yearlyCapPerMember", equalTo("60000.00"));
        as(FINANCE).get("/api/v1/mutual-aid/plans").then().statusCode(200)
                .body("items.find { it.year == " + year + " }.perClaimCap", equalTo("25000.00"));
        as(REVIEWER).body(plan("130", 60, "0.6", "25000", "60000")).put(url).then().statusCode(403);
        as(ADMIN).body(plan("130", 60, "1.5", "25000", "60000")).put(url).then().statusCode(400)
                .body("violations[0].field", equalTo("share"));
        as(ADMIN).body(plan("130", -1, "0.5", "25000", "60000")).put(url).then().statusCode(400);
        as(ADMIN).get("/api/v1/mutual-aid/plans/" + freshYear()).then().statusCode(404);
        as(ADMIN).get(url).then().body("history", hasSize(2));
    }

    static String plan(String premium, int waitingDays, String share, String perClaimCap, String yearlyCap) {
        return """
                {"premium": "%s", "waitingDays": %d, "share": "%s", "perClaimCap": "%s", "yearlyCapPerMember": "%s"}"""
                .formatted(premium, waitingDays, share, perClaimCap, yearlyCap);
    }

    static io.restassured.response.ValidatableResponse bulk(long enterprise, int year, String csv, Charset charset) {
        return given().header("Authorization", CLERK_A).contentType("text/csv; charset=" + charset.name())
                .body(csv.getBytes(charset)).post(ENROLMENTS + "/bulk?enterpriseId=" + enterprise + "&year=" + year).then();
    }
}
