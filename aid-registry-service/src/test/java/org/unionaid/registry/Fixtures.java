package org.unionaid.registry;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.unionaid.common.identity.IdNumbers;
import org.unionaid.registry.domain.CreditCodes;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.unionaid.testsupport.TestTokens.bearer;
import static org.unionaid.testsupport.TestTokens.token;

/** Test data: unique stations, valid ID numbers and credit codes, files in any state. */
final class Fixtures {

    /** The 低保 the tests set for every year from 2000 on: 1,000 yuan a month. */
    static final String MONTHLY_MINIMUM = "1000.00";
    static final String REVIEWER = "Bearer " + token("reviewer", null, "reviewer-wang");
    /** The %test profile's data key, and the one it lists as previous (sealed values from before a rotation). */
    static final org.unionaid.common.crypto.SealedValues CURRENT_KEY = org.unionaid.common.crypto.SealedValues.of(
            org.unionaid.common.crypto.SealedValues.key("dGVzdC1vbmx5LWRhdGEta2V5LW5vdC1mb3ItcHJvZCE=", "current"));
    static final org.unionaid.common.crypto.SealedValues RETIRED_KEY = org.unionaid.common.crypto.SealedValues.of(
            org.unionaid.common.crypto.SealedValues.key("YS1yZXRpcmVkLWtleS1vZi0zMi1ieXRlcy1sb25nISE=", "retired"));
    static final String OTHER_REVIEWER = "Bearer " + token("reviewer", null, "reviewer-li");
    private static final AtomicInteger SERIAL = new AtomicInteger(ThreadLocalRandom.current().nextInt(100, 900));
    private static volatile boolean standardSet;

    private Fixtures() {
    }

    /** A valid ID number nobody else in this run has; the 17th digit's parity is the sex. */
    static String idNumber(boolean male) {
        int serial = SERIAL.incrementAndGet();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(serial % 15000);
        String head = "110105" + birth.toString().replace("-", "")
                + String.format("%03d", (serial % 500) * 2 + (male ? 1 : 0));
        return head + IdNumbers.checkCharacter(head);
    }

    static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("91");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (code.length() < 17) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return code.toString() + CreditCodes.checkCharacter(code.toString());
    }

    static void minimumLivingStandard() {
        if (standardSet) {
            return;
        }
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"monthlyAmount\":\"" + MONTHLY_MINIMUM + "\"}")
                .put("/api/v1/settings/minimum-living-standard/2000").then().statusCode(200);
        standardSet = true;
    }

    /** A city, a district below it and two communities below that, with fresh codes. */
    record Tree(String city, String district, String community, String otherCommunity) {
    }

    static Tree stations() {
        String p = "T" + SERIAL.incrementAndGet();
        station(p + "-C", "CITY", null);
        station(p + "-D", "DISTRICT", p + "-C");
        station(p + "-S1", "COMMUNITY", p + "-D");
        station(p + "-S2", "COMMUNITY", p + "-D");
        return new Tree(p + "-C", p + "-D", p + "-S1", p + "-S2");
    }

    static void station(String code, String level, String parent) {
        given().header("Authorization", bearer("admin")).contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Station " + code + "\",\"level\":\"" + level + "\""
                        + (parent == null ? "" : ",\"parentCode\":\"" + parent + "\"") + "}")
                .post("/api/v1/stations").then().statusCode(201);
    }

    /**
     * A household of the head and two members with the given yearly income and rigid costs:
     * per-capita monthly income = (income - costs) / 12 / 3.
     */
    static String worker(String idNumber, String station, String yearlyIncome, String rigidCosts) {
        return "{\"name\":\"张三\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"13800000000\","
                + "\"stationCode\":\"" + station + "\",\"migrantWorker\":false,"
                + "\"household\":{\"yearlyIncome\":\"" + yearlyIncome + "\",\"rigidCosts\":\"" + rigidCosts + "\","
                + "\"members\":["
                + "{\"relation\":\"SPOUSE\",\"name\":\"李四\",\"birthDate\":\"1972-05-01\",\"ill\":true},"
                + "{\"relation\":\"CHILD\",\"name\":\"张小明\",\"birthDate\":\"2005-09-01\",\"student\":true,"
                + "\"school\":\"City University\",\"grade\":\"2\"}]},"
                + "\"mainCause\":\"ILLNESS\",\"otherCauses\":[\"CHILD_EDUCATION\"]}";
    }

    /** Enters a DEEP file (per-capita 500 against a 低保 of 1,000) as a clerk of the station. */
    static long pendingFile(String station, String idNumber) {
        minimumLivingStandard();
        return create(station, worker(idNumber, station, "24000.00", "6000.00")).statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static ValidatableResponse create(String station, String body) {
        minimumLivingStandard();
        return given().header("Authorization", clerkOf(station)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers").then();
    }

    static String clerkOf(String station) {
        return "Bearer " + token("clerk", station, "clerk-" + station);
    }

    /** Records every check as passed, with a public notice that started (by the database's record) 6 days ago. */
    static void passAllChecks(long fileId, String station) {
        check(fileId, station, "{\"step\":\"FIRST_REVIEW\",\"passed\":true}");
        check(fileId, station, "{\"step\":\"HOME_VISIT\",\"passed\":true,\"consentSigned\":true}");
        check(fileId, station, "{\"step\":\"MEANS_CHECK\",\"passed\":true}");
        check(fileId, station, "{\"step\":\"PUBLIC_NOTICE\",\"passed\":true,\"objection\":false}");
        ageNotices(fileId, 6);
    }

    /**
     * Moves a file's public notices {@code days} into the past, as if recorded then: the API dates a notice
     * by the server's clock and refuses any other start, so only the database can age one.
     */
    static void ageNotices(long fileId, int days) {
        execute("UPDATE file_check SET recorded_at = recorded_at - interval '" + days + " days',"
                + " notice_start = notice_start - " + days + ", notice_end = notice_end - " + days
                + " WHERE step = 'PUBLIC_NOTICE' AND file_id = " + fileId);
    }

    /** The application's own data source: what the tests read or change behind the API. */
    static java.sql.Connection connection() throws java.sql.SQLException {
        return io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get().getConnection();
    }

    /** The first row a query gives, each column as text (null as null). */
    static java.util.List<String> row(String sql) {
        try (java.sql.Connection c = connection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            java.util.List<String> values = new java.util.ArrayList<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                values.add(r.getString(i));
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a {@code SELECT count(*) ...} counts. */
    static long count(String sql) {
        return Long.parseLong(row(sql).get(0));
    }

    static void execute(String sql) {
        try (java.sql.Connection c = connection(); java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A change the database's own checks refuse (a CHECK constraint, SQLState 23514). */
    static void refusedByACheck(String sql) {
        refusedByACheck(sql, sql);
    }

    static void refusedByACheck(String sql, String why) {
        try (java.sql.Connection c = connection(); java.sql.Statement s = c.createStatement()) {
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate(sql), why);
            org.junit.jupiter.api.Assertions.assertEquals("23514", e.getSQLState(), why + ": " + e.getMessage());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** status/mergedInto/version/history entries of a file, read from the database. */
    static String fileState(long id) {
        return String.join("/", row("SELECT status, merged_into, version, (SELECT count(*) FROM file_event e"
                + " WHERE e.file_id = f.id) FROM hardship_file f WHERE id = " + id));
    }

    static void check(long fileId, String station, String body) {
        given().header("Authorization", clerkOf(station)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + fileId + "/checks").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/workers/" + fileId + "/checks"));
    }

    static ValidatableResponse transition(long fileId, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/api/v1/workers/" + fileId + "/transitions").then();
    }

    static long activeFile(String station, String idNumber) {
        long id = pendingFile(station, idNumber);
        passAllChecks(id, station);
        transition(id, REVIEWER, "{\"to\":\"ACTIVE\",\"reason\":\"checks passed\"}").statusCode(200);
        return id;
    }

    /** The file's ETag as a reviewer reads it. */
    static String etag(long id) {
        return given().header("Authorization", REVIEWER).get("/api/v1/workers/" + id).then().extract().header("ETag");
    }

    /** The worker feed's last sequence number, read to its end. */
    static long lastFeedSeq() {
        long seq = 0;
        while (true) {
            long last = given().header("Authorization", bearer("service")).queryParam("after", seq).queryParam("limit", 1000)
                    .get("/api/v1/feed/workers").then().extract().jsonPath().getLong("lastSeq");
            if (last == seq) {
                return seq;
            }
            seq = last;
        }
    }
}
