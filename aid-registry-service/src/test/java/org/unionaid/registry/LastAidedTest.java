package org.unionaid.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.registry.feed.PayoutFeedReader;
import org.unionaid.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.registry.Fixtures.REVIEWER;
import static org.unionaid.registry.Fixtures.clerkOf;
import static org.unionaid.registry.Fixtures.idNumber;

/** lastAidedAt and ?neverAided=true, learnt from disbursement's payout feed (a stub of it on a real port). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DisbursementFeedStub.class)
class LastAidedTest {

    private static final AtomicLong PAYOUT = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);

    @Inject
    PayoutFeedReader reader;

    @Inject
    AgroalDataSource database;

    private Fixtures.Tree tree;

    @BeforeEach
    void stations() {
        tree = Fixtures.stations();
        control("up", null);
    }

    @Test
    void aFileShowsItsLatestPayoutNotReversedAndNeverAidedListsTheOthers() {
        long aided = Fixtures.activeFile(tree.community(), idNumber(true));
        long reversedOnly = Fixtures.activeFile(tree.community(), idNumber(false));
        long never = Fixtures.activeFile(tree.community(), idNumber(true));
        payout(aided, "2026-03-01T02:00:00Z");
        long second = payout(aided, "2026-04-02T03:00:00Z");
        long only = payout(reversedOnly, "2026-04-05T01:00:00Z");
        control("items", "{\"kind\":\"PAYOUT\",\"payoutId\":" + PAYOUT.incrementAndGet() + ",\"beneficiary\":\"ENTERPRISE\","
                + "\"workerId\":null,\"enterpriseId\":7,\"occurredAt\":\"2026-04-06T01:00:00Z\"}");
        assertTrue(reader.catchUp());

        lastAidedAt(aided, "2026-04-02T03:00:00Z");
        lastAidedAt(reversedOnly, "2026-04-05T01:00:00Z");
        given().header("Authorization", REVIEWER).get("/api/v1/workers/" + never).then().body("lastAidedAt", nullValue());
        assertEquals(List.of((int) never), neverAided());

        // a bounce of the latest: the one before it counts; of the only one: never aided
        reversal(aided, second);
        reversal(reversedOnly, only);
        assertTrue(reader.catchUp());
        lastAidedAt(aided, "2026-03-01T02:00:00Z");
        given().header("Authorization", clerkOf(tree.community())).get("/api/v1/workers/" + reversedOnly).then()
                .body("lastAidedAt", nullValue());
        assertEquals(List.of((int) reversedOnly, (int) never), neverAided());
        given().header("Authorization", clerkOf(tree.community())).queryParam("station", tree.community())
                .get("/api/v1/workers").then()
                .body("items.find { it.id == " + aided + " }.lastAidedAt", equalTo("2026-03-01T02:00:00Z"));
    }

    @Test
    void readingAgainAppliesNothingTwiceAndAnOutageIsCaughtUpFromTheStoredPosition() {
        long file = Fixtures.activeFile(tree.community(), idNumber(false));
        payout(file, "2026-05-01T00:00:00Z");
        assertTrue(reader.catchUp());
        long position = position();
        assertTrue(reader.catchUp(), "nothing new");
        assertEquals(position, position());

        control("down", null);
        payout(file, "2026-06-01T00:00:00Z");
        // a payout of a file the registry does not have does not stop the feed
        control("items", "{\"kind\":\"PAYOUT\",\"payoutId\":" + PAYOUT.incrementAndGet() + ",\"beneficiary\":\"HOUSEHOLD\","
                + "\"workerId\":999999999,\"occurredAt\":\"2026-06-01T00:00:00Z\"}");
        assertFalse(reader.catchUp(), "disbursement is down");
        assertEquals(position, position(), "nothing applied, the position kept");
        lastAidedAt(file, "2026-05-01T00:00:00Z");

        control("up", null);
        assertTrue(reader.catchUp());
        assertEquals(position + 2, position());
        lastAidedAt(file, "2026-06-01T00:00:00Z");
    }

    @Test
    void neverAidedIsABooleanAndStaysStationScoped() {
        given().header("Authorization", REVIEWER).queryParam("neverAided", "perhaps").get("/api/v1/workers").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("neverAided"));
        long there = Fixtures.activeFile(tree.otherCommunity(), idNumber(true));
        given().header("Authorization", clerkOf(tree.community())).queryParam("neverAided", true).queryParam("limit", 200)
                .get("/api/v1/workers").then().statusCode(200)
                .body("items.findAll { it.id == " + there + " }", equalTo(List.of()));
    }

    private List<Integer> neverAided() {
        return given().header("Authorization", clerkOf(tree.community())).queryParam("station", tree.community())
                .queryParam("neverAided", true).get("/api/v1/workers").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static void lastAidedAt(long file, String at) {
        String shown = given().header("Authorization", REVIEWER).get("/api/v1/workers/" + file).then().statusCode(200)
                .extract().path("lastAidedAt");
        assertEquals(Instant.parse(at), Instant.parse(shown));
    }

    private static long payout(long file, String at) {
        long id = PAYOUT.incrementAndGet();
        control("items", "{\"kind\":\"PAYOUT\",\"payoutId\":" + id + ",\"beneficiary\":\"HOUSEHOLD\",\"workerId\":" + file
                + ",\"projectCode\":\"LIVING_RELIEF\",\"amount\":\"1000.00\",\"occurredAt\":\"" + at + "\"}");
        return id;
    }

    private static void reversal(long file, long payout) {
        control("items", "{\"kind\":\"REVERSAL\",\"payoutId\":" + payout + ",\"beneficiary\":\"HOUSEHOLD\",\"workerId\":" + file
                + ",\"amount\":\"1000.00\",\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    private static void control(String what, String body) {
        var request = given().baseUri(ConfigProvider.getConfig().getValue(DisbursementFeedStub.CONTROL_URL, String.class));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        request.post("/" + what).then().statusCode(204);
    }

    private long position() {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT last_seq FROM feed_position WHERE feed = 'payouts'")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
