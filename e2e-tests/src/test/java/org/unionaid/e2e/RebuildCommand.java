package org.unionaid.e2e;

import io.restassured.response.Response;
import org.unionaid.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporting jar as the Kubernetes Job runs it ({@code java -jar quarkus-run.jar rebuild}, deploy/kubernetes/jobs):
 * on the demo city's reporting database, with the database settings only (the Job holds no token settings: the
 * command serves no request), it rebuilds every figure and exits 0; an unknown command exits 64 and changes nothing;
 * and the service, started again, answers the same reports as before the rebuild.
 */
final class RebuildCommand {

    private static final String SERVICE = "reporting-service";
    /** The reports compared before and after, at the gateway. */
    private static final List<String> REPORTS = List.of(
            "/api/v1/reports/summary",
            "/api/v1/reports/aid?groupBy=project,year",
            "/api/v1/reports/aid?groupBy=station&level=DISTRICT",
            "/api/v1/reports/aid?groupBy=project,quarter&from=2024",
            "/api/v1/reports/aid?groupBy=category,cause",
            "/api/v1/reports/registry?groupBy=status,category",
            "/api/v1/reports/registry?groupBy=station,year&level=DISTRICT");
    /** What the Job does not set: token verification and the service key (deploy/kubernetes/jobs/reporting-rebuild). */
    private static final List<String> NOT_IN_THE_JOB = List.of("JWT_ISSUER", "JWT_PUBLIC_KEY_LOCATION",
            "SERVICE_TOKEN_PUBLIC_KEY_LOCATION", "SERVICE_TOKEN_KEY_LOCATION", "REGISTRY_URL", "DISBURSEMENT_URL",
            "REPORTING_URL", "PUBLIC_BASE_URL", "DOCUMENTS_FOLDER", "QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT",
            "FEEDS_POLL_INTERVAL");
    /** What the Job sets besides the database's settings. */
    private static final Map<String, String> THE_JOBS_OWN = Map.of("DB_POOL_MAX", "4", "REBUILD_BATCH_SIZE", "2000");

    private final TheSystem system;

    RebuildCommand(TheSystem system) {
        this.system = system;
    }

    /** Reporting must be running and caught up; it is stopped for the rebuild and left running again. */
    void run() throws Exception {
        Map<String, String> before = reports();
        long counted = count("SELECT (SELECT count(*) FROM payout WHERE NOT reversed) + (SELECT count(*) FROM registry_file)");
        system.signal(SERVICE, "KILL");

        Map<String, String> jobEnvironment = new HashMap<>();
        NOT_IN_THE_JOB.forEach(name -> jobEnvironment.put(name, null));
        jobEnvironment.putAll(THE_JOBS_OWN);
        Map<String, String> quiet = new HashMap<>(jobEnvironment);
        quiet.put("QUARKUS_HTTP_PORT", "0"); // only rebuild takes a port of its own and turns the feeds off
        quiet.put("FEEDS_POLL_INTERVAL", "off");
        assertEquals(64, system.runCommand(SERVICE, quiet, "reporting-unknown-command.log", "rebuid"),
                "an unknown command");
        assertEquals(0, count("SELECT count(*) FROM rebuild_job"), "an unknown command starts no job");

        int exit = system.runCommand(SERVICE, jobEnvironment, "reporting-rebuild.log", "rebuild");
        assertEquals(0, exit, () -> "rebuild exit code; its log:\n" + log("reporting-rebuild.log"));
        try (Connection c = reportingDb(); Statement s = c.createStatement();
             ResultSet job = s.executeQuery("SELECT phase, batches, rows_done, finished_at IS NOT NULL FROM rebuild_job")) {
            assertTrue(job.next(), "one job row");
            assertEquals("DONE", job.getString(1));
            assertTrue(job.getInt(2) >= 2, "batches of payouts, then of files: " + job.getInt(2));
            assertEquals(counted, job.getLong(3), "every standing payout and every file counted once");
            assertTrue(job.getBoolean(4));
            assertTrue(!job.next(), "one job");
        }
        assertTrue(log("reporting-rebuild.log").contains("Rebuild"), log("reporting-rebuild.log"));

        system.restart(SERVICE);
        Map<String, String> after = reports();
        for (String report : REPORTS) {
            assertEquals(before.get(report), after.get(report), report + " after the rebuild");
        }
    }

    /** Each report's body without its asOf, once two reads a second apart agree (the feeds are idle). */
    private static Map<String, String> reports() throws InterruptedException {
        Map<String, String> last = Map.of();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, String> now = new LinkedHashMap<>();
            for (String report : REPORTS) {
                Response r = given().header("Authorization", TestTokens.bearer("analyst")).get(report);
                if (r.statusCode() != 200) {
                    now = null;
                    break;
                }
                now.put(report, r.asString().replaceAll("\"asOf\":\"[^\"]*\"", ""));
            }
            if (now != null && now.equals(last)) {
                return now;
            }
            last = now == null ? Map.of() : now;
            Thread.sleep(1_000);
        }
        throw new AssertionError("the reports did not settle within 60 s: " + last.keySet());
    }

    private long count(String sql) throws Exception {
        try (Connection c = reportingDb(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private Connection reportingDb() throws Exception {
        Map<String, String> db = system.env(SERVICE);
        return DriverManager.getConnection(db.get("DB_URL"), db.get("DB_USER"), db.get("DB_PASSWORD"));
    }

    private String log(String name) {
        try {
            return java.nio.file.Files.readString(system.logs.resolve(name));
        } catch (java.io.IOException e) {
            return "(no log " + name + ")";
        }
    }
}
