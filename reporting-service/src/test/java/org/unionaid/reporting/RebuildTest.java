package org.unionaid.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.SourceData.City;
import org.unionaid.reporting.feed.FeedPositions;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.feed.Rebuild;
import org.unionaid.reporting.feed.RebuildJob;
import org.unionaid.reporting.feed.RebuildJob.Job;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.aidItems;
import static org.unionaid.reporting.Reports.expectedItems;
import static org.unionaid.testsupport.TestTokens.bearer;

/**
 * The rebuild of the derived figures (issue 15): a job whose batch is killed in flight (its backend terminated) stops
 * at the position of its last committed batch, reports answer 503 meanwhile and the feeds that change the figures
 * wait; run again, it resumes there and every report equals what the feeds had built, and, once the waiting feeds
 * are read, what the source items imply.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class RebuildTest {

    /** Small batches: the job below takes dozens of them, so it is far from done when its row is held. */
    private static final int BATCH = 10;
    private static final List<String> QUERIES = List.of("summary|", "aid|groupBy=project,quarter",
            "aid|groupBy=station&level=DISTRICT", "aid|groupBy=category,cause&from=2024&to=2025", "aid|since=2024",
            "registry|groupBy=status,station", "registry|groupBy=category,year&from=2023&to=2026",
            "mutual-aid|groupBy=year");

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    @Inject
    Rebuild rebuild;

    @Inject
    RebuildJob jobs;

    @Inject
    FeedPositions positions;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource database;

    @AfterEach
    void noJobLeftRunningAndPollingOn() {
        if (jobs.running().isPresent()) {
            rebuild.run();
        }
        scheduler.resume();
    }

    @Test
    void aRebuildKilledInABatchResumesAtItsPositionToTheFiguresOfTheSourceRows() throws Exception {
        scheduler.pause();
        reader.catchUp();
        SourceData data = new SourceData(stubs, 41);
        City city = data.city("REBUILD");
        List<Map<String, Object>> workers = data.activity(city, 40, 400);
        data.merge(workers.get(0), workers.get(1));
        var enrolment = data.enrolment(9_041L, 7, 2025, new BigDecimal("240.00"), "MEMBER");
        data.claim(enrolment, new BigDecimal("3100.00"), LocalDate.of(2025, 5, 6));
        assertTrue(reader.catchUp());
        Map<String, Object> built = figures();
        long sourceRows = count("SELECT count(*) FROM payout WHERE NOT reversed") + count("SELECT count(*) FROM registry_file");

        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<Job> killed;
        Job stoppedAt;
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            killed = runner.submit(() -> rebuild.run(BATCH));
            awaitBatches(3);
            // the job's row held: the next batch writes its figures and then waits at its position update
            stoppedAt = held(holder);
            int pid = blockedBatch();
            assertThrows(Rebuild.AlreadyRunning.class, () -> rebuild.run(BATCH), "one job at a time");
            try (PreparedStatement kill = holder.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, pid);
                kill.executeQuery().close();
            }
            ExecutionException stopped = assertThrows(ExecutionException.class, () -> killed.get(30, TimeUnit.SECONDS));
            assertTrue(stopped.getCause() instanceof RuntimeException, stopped.toString());
            holder.rollback();
        } finally {
            runner.shutdown();
        }
        Job after = jobs.running().orElseThrow();
        assertEquals(stoppedAt, after, "the killed batch left nothing: the job is where its last committed batch put it");
        assertEquals(RebuildJob.PAYOUTS, after.phase());
        assertTrue(after.position() > 0 && after.batches() >= 3, after.toString());

        // while it is unfinished: reports 503 (en, zh), the feeds that change the figures wait at their positions
        JsonPath refused = given().header("Authorization", bearer("analyst")).accept("application/json")
                .get("/api/v1/reports/summary").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "30").extract().jsonPath();
        assertTrue(refused.getString("type").endsWith("rebuild-running"), refused.prettify());
        assertTrue(refused.getString("detail").contains("job " + after.id()), refused.prettify());
        assertTrue(given().header("Authorization", bearer("analyst")).header("Accept-Language", "zh")
                .get("/api/v1/reports/registry").then().statusCode(503).extract().jsonPath().getString("title")
                .contains("重建"));
        given().header("Authorization", bearer("admin")).contentType("application/json").body("{}")
                .post("/api/v1/reports/periods/2011-02/close").then().statusCode(503);
        long payoutsAt = positions.position(FeedPositions.PAYOUTS);
        data.payout(workers.get(2), "LIVING_RELIEF", new BigDecimal("1234.00"), LocalDate.of(2025, 8, 8));
        data.worker(city.communities().get(0), "DEEP", "ILLNESS", LocalDate.of(2025, 8, 1));
        assertFalse(reader.catchUp(), "the payouts and workers feeds wait for the rebuild");
        assertEquals(payoutsAt, positions.position(FeedPositions.PAYOUTS));

        Job done = rebuild.run(BATCH);
        assertEquals(RebuildJob.DONE, done.phase());
        assertEquals(after.id(), done.id(), "the same job, resumed");
        assertEquals(sourceRows, done.rowsDone(), "every standing payout and file counted once, none twice");
        assertTrue(jobs.running().isEmpty());
        assertEquals(built, figures(), "the rebuilt figures are those the feeds had built");

        assertTrue(reader.catchUp());
        Expected expected = new Expected(stubs);
        Reports.assertSummaryIsTheSourcesOf(expected);
        assertEquals(expectedItems(expected.aid(Expected::household,
                        p -> List.of(p.get("projectCode"), Reports.quarter((String) p.get("occurredOn")))), false),
                aidItems("groupBy=project,quarter", List.of("project", "quarter")));
    }

    @Test
    void aRebuildOfTheFiguresAsTheyAreChangesNoReport() {
        scheduler.pause();
        reader.catchUp();
        Map<String, Object> built = figures();
        Job first = rebuild.run(200);
        Job second = rebuild.run(2_000);
        assertEquals(first.rowsDone(), second.rowsDone());
        assertTrue(second.id() > first.id(), "a finished job is not run again: the next run is a new job");
        assertTrue(second.batches() < first.batches(), first + " " + second);
        assertEquals(built, figures());
    }

    /** Every report of {@link #QUERIES} as answered, without asOf (the figures, their suppression, the totals). */
    private static Map<String, Object> figures() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String q : QUERIES) {
            String[] parts = q.split("\\|", -1);
            Map<String, Object> body = new LinkedHashMap<>(Reports.get(parts[0], parts[1]).extract().jsonPath().getMap(""));
            body.remove("asOf");
            out.put(q, body);
        }
        return out;
    }

    private void awaitBatches(int batches) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (jobs.running().map(Job::batches).orElse(0) < batches) {
            assertTrue(System.currentTimeMillis() < deadline, "the job did " + jobs.running());
            Thread.sleep(5);
        }
    }

    /** Locks the unfinished job's row in the holder's transaction and answers the job as committed then. */
    private static Job held(Connection holder) throws SQLException {
        try (PreparedStatement lock = holder.prepareStatement("SELECT job_id, phase, position, batches, rows_done, started_at"
                + " FROM rebuild_job WHERE finished_at IS NULL FOR UPDATE");
             ResultSet row = lock.executeQuery()) {
            assertTrue(row.next(), "a job is unfinished");
            return new Job(row.getLong(1), row.getString(2), row.getLong(3), row.getInt(4), row.getLong(5),
                    row.getTimestamp(6).toInstant(), null);
        }
    }

    /** The backend of the batch waiting for the job's row. */
    private int blockedBatch() throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection db = database.getConnection();
                 PreparedStatement query = db.prepareStatement("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                         + " AND query LIKE 'UPDATE rebuild_job%'");
                 ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return row.getInt(1);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no batch waits for the job's row");
    }

    private long count(String sql) throws SQLException {
        try (Connection db = database.getConnection();
             PreparedStatement query = db.prepareStatement(sql);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
