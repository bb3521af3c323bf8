package org.unionaid.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.unionaid.testsupport.TestTokens;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;

/**
 * Households paid by bank transfer, made through the services' own APIs (their ports: bulk set-up, not the
 * gateway's rate limit): files imported ACTIVE, each one's bank account set by PUT, a festival visit applied for,
 * approved and paid as ISSUED bank transfers in one batch. And a way to stop a statement of disbursement's at a known
 * point: a row lock held by the test, so that a kill -9 lands while that statement waits inside its transaction.
 */
final class BankLoop {

    static final String PROJECT = "FESTIVAL_WARMTH";
    static final String STATION = "C01-D01-S01-C01";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
    private static final String GIVEN = "建国秀英桂兰志强海燕明华丽娟春梅红霞玉珍德胜";

    /** One household paid by bank transfer: its file, application and ISSUED payout. */
    record Paid(long fileId, long applicationId, long payoutId, BigDecimal amount) {
    }

    private final TheSystem system;
    private final String finance;
    private final String reviewer;

    BankLoop(TheSystem system, String financeSubject, String reviewerSubject) {
        this.system = system;
        this.finance = "Bearer " + TestTokens.token("finance", null, financeSubject);
        this.reviewer = "Bearer " + TestTokens.token("reviewer", null, reviewerSubject);
    }

    /** {@code count} new households (ID numbers from {@code firstIndex}), each with its bank account, paid ISSUED. */
    List<Paid> issuedTransfers(int firstIndex, int count, String campaign) throws Exception {
        String registry = system.url("aid-registry-service");
        String disbursement = system.url("disbursement-service");
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = name(firstIndex + i);
            names.add(name);
            items.add(household(name, idNumber(firstIndex + i)));
        }
        List<Long> files = new ArrayList<>();
        for (int from = 0; from < count; from += 500) {
            List<Integer> ids = given().header("Authorization", TestTokens.bearer("admin")).contentType(ContentType.JSON)
                    .body(Map.of("items", items.subList(from, Math.min(count, from + 500))))
                    .post(registry + "/api/v1/workers/import").then().statusCode(200)
                    .extract().jsonPath().getList("results.id", Integer.class);
            ids.forEach(id -> files.add(id.longValue()));
        }
        if (files.size() != count || files.contains(null)) {
            throw new AssertionError("not every household was imported: " + files);
        }
        String clerk = "Bearer " + TestTokens.token("clerk", STATION, "e2e-clerk-bank");
        List<Callable<long[]>> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long file = files.get(i);
            String name = names.get(i);
            BigDecimal amount = amount(i);
            work.add(() -> {
                json(reviewer).body(Map.of("bankName", "中国工商银行福州鼓楼支行", "accountNumber", account(file),
                        "accountName", name)).put(registry + "/api/v1/workers/" + file + "/bank-account").then().statusCode(200);
                long application = json(clerk).header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("projectCode", PROJECT, "workerId", file, "requestedAmount", amount.toPlainString(),
                                "details", Map.of("campaign", campaign)))
                        .post(disbursement + "/api/v1/applications").then().statusCode(201).extract().jsonPath().getLong("id");
                json(reviewer).header("Idempotency-Key", UUID.randomUUID().toString())
                        .body(Map.of("approve", true, "amount", amount.toPlainString(), "reason", "节日慰问"))
                        .post(disbursement + "/api/v1/applications/" + application + "/decision").then().statusCode(200);
                return new long[] {file, application};
            });
        }
        List<long[]> made = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<long[]> f : pool.invokeAll(work)) {
                made.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Long, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < made.size(); i++) {
            index.put(made.get(i)[1], i);
        }
        List<Paid> paid = new ArrayList<>();
        List<Long> applications = new ArrayList<>(index.keySet());
        for (int from = 0; from < applications.size(); from += 500) {
            List<Map<String, Object>> results = json(finance).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("projectCode", PROJECT, "channel", "BANK_TRANSFER", "reference", "E2E-BANK",
                            "applicationIds", applications.subList(from, Math.min(applications.size(), from + 500))))
                    .post(disbursement + "/api/v1/payout-batches").then().statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> r : results) {
                if (!"PAID".equals(r.get("result")) || !"ISSUED".equals(r.get("payoutStatus"))) {
                    throw new AssertionError("a bank transfer is ISSUED when paid: " + r);
                }
                long application = ((Number) r.get("applicationId")).longValue();
                int i = index.get(application);
                paid.add(new Paid(made.get(i)[0], application, ((Number) r.get("payoutId")).longValue(), amount(i)));
            }
        }
        return paid;
    }

    private static RequestSpecification json(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    private static BigDecimal amount(int i) {
        return BigDecimal.valueOf(100 + 50L * (i % 3)).setScale(2);
    }

    private static Map<String, Object> household(String name, String idNumber) {
        Instant activated = Instant.now().minus(40, ChronoUnit.DAYS);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("idNumber", idNumber);
        item.put("stationCode", STATION);
        item.put("migrantWorker", false);
        item.put("mainCause", "ILLNESS");
        item.put("household", Map.of("yearlyIncome", "9000.00", "rigidCosts", "3000.00", "members", List.of(
                Map.of("relation", "SPOUSE", "name", "周玉珍", "birthDate", "1970-03-04", "student", false,
                        "ill", true, "disabled", false))));
        item.put("status", "ACTIVE");
        item.put("createdAt", activated.minus(20, ChronoUnit.DAYS).toString());
        item.put("activatedAt", activated.toString());
        return item;
    }

    /** A valid GB 11643 number of region 110108 (none of the demo city's regions), one per index. */
    static String idNumber(int index) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(index % 12_000);
        String body = "110108" + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), 100 + index / 12_000);
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (body.charAt(k) - '0') * WEIGHTS[k];
        }
        return body + CHECK[sum % 11];
    }

    private static String name(int index) {
        return "" + SURNAMES.charAt(index % SURNAMES.length()) + GIVEN.charAt((index / 20) % GIVEN.length())
                + GIVEN.charAt((index / 400) % GIVEN.length());
    }

    private static String account(long file) {
        return "62220210" + String.format("%011d", file);
    }

    /** A connection to disbursement's database, as the service's own role. */
    Connection disbursementDb() throws SQLException {
        Map<String, String> db = system.env("disbursement-service");
        return DriverManager.getConnection(db.get("DB_URL"), db.get("DB_USER"), db.get("DB_PASSWORD"));
    }

    /**
     * Waits until a backend of disbursement runs a statement containing {@code statement} and waits for a lock
     * {@code holder}'s session holds; returns that backend's pid.
     */
    int awaitBlocked(Connection holder, String statement, long seconds) throws Exception {
        int mine;
        try (var s = holder.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            mine = r.getInt(1);
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (Connection watch = disbursementDb();
             PreparedStatement q = watch.prepareStatement("""
                     SELECT pid FROM pg_stat_activity
                      WHERE datname = current_database() AND state = 'active' AND wait_event_type = 'Lock'
                        AND position(? IN query) > 0 AND ? = ANY (pg_blocking_pids(pid))""")) {
            q.setString(1, statement);
            q.setInt(2, mine);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        return r.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no statement '" + statement + "' waited on the test's lock within " + seconds + " s");
    }

    /** Waits until backend {@code pid} (a killed service's session) has ended, its transaction rolled back. */
    void awaitGone(int pid) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        try (Connection c = disbursementDb();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            q.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = q.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the killed service's session " + pid + " did not end within 30 s");
    }

    /** The bearer of finance used for the bulk set-up (and, in the tests, the bank-file calls). */
    String finance() {
        return finance;
    }
}
