package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads a deterministic city: stations, enterprises and the 低保 through the registry's API,
 * hardship files through its legacy import, mutual-aid plans and enrolments and budgets through disbursement's API, years of paid
 * aid straight into the disbursement database (with the payout feed, so reporting reads it as
 * it reads any payout), then waits until the reports show it.
 *
 * <pre>
 * java -jar tools/datagen/target/datagen.jar --token-cmd deploy/local/token.sh [--scale city|FILES,PAYOUTS]
 *      [--seed N] [--registry-url U] [--disbursement-url U] [--gateway-url U]
 *      [--db-url JDBC] [--db-user U] [--db-password P] [--no-story] [--wait-seconds S] [--out DIR]
 * </pre>
 * Environment: DETAILS_DATA_KEY, disbursement-service's key of the applications' details (the
 * generated details are written sealed with it).
 */
public final class DataGen {

    private final Options options;
    private final Api api;
    private final DetailsSeal seal;
    private final CitySummary reports;
    private final LocalDate today = LocalDate.now(HardshipFiles.CHINA);
    private final long started = System.nanoTime();
    /** The files whose aid went (in part) by bank transfer: they get their holder's bank account. */
    private final java.util.Set<Long> bankTransferFiles = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DataGen(Options options, DetailsSeal seal) {
        this.options = options;
        this.api = new Api(options.tokenCommand());
        this.seal = seal;
        this.reports = new CitySummary(api, options.gateway(), this::say);
    }

    public static void main(String[] args) throws Exception {
        Options options;
        DetailsSeal seal;
        try {
            options = Options.parse(args);
            // Details go into the disbursement database sealed with the service's key (env, never an argument).
            seal = DetailsSeal.of(System.getenv(DetailsSeal.ENV));
        } catch (IllegalArgumentException e) {
            System.err.println("datagen: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(new DataGen(options, seal).run());
        } catch (java.sql.SQLException e) {
            System.err.println("datagen: the disbursement database at " + options.dbUrl() + " failed: " + e.getMessage());
            System.exit(1);
        } catch (IllegalStateException e) {
            System.err.println("datagen: " + e.getMessage());
            System.exit(1);
        }
    }

    int run() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl(), options.dbUser(), options.dbPassword())) {
            long loaded = count(db, "SELECT count(*) FROM payout WHERE reference LIKE '" + PayoutWriter.REFERENCE_PREFIX + "%'");
            boolean cityThere = api.send("GET", options.registry() + "/api/v1/stations/" + City.CITY_CODE, null,
                    "admin", null, null).ok();
            if (loaded > 0) {
                say("the demo city is already loaded (%,d generated payouts); nothing to do", loaded);
                try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT id, line_count FROM bank_file WHERE status = 'EXPORTED' ORDER BY id")) {
                    while (rs.next()) {
                        say("bank file %d (%d transfers) is SENT and waits for its result", rs.getLong(1), rs.getInt(2));
                    }
                }
                reports.print(reports.read());
                return 0;
            }
            if (cityThere) {
                say("station %s exists but no generated payouts: an earlier load was interrupted or the database holds other data."
                        + " Stop the run, delete deploy/local/data and start again with --demo.", City.CITY_CODE);
                return 1;
            }
            JsonNode before = reports.read();
            long personTimesBefore = before == null ? 0 : before.path("personTimes").asLong();

            List<City.Station> stations = City.stations();
            CityRegistry registry = new CityRegistry(api, options.registry(), this::say);
            registry.settings();
            registry.stations(stations);
            List<City.Enterprise> enterprises = City.enterprises(options.seed());
            long[] enterpriseIds = registry.enterprises(enterprises);
            FileIndex files = files(stations, enterpriseIds);
            MutualAid.Enrolments enrolments = new MutualAid(api, options.disbursement(), options.seed(), this::say)
                    .load(db, enterprises, enterpriseIds);
            long household = payouts(db, stations, enterprises, enterpriseIds, files, enrolments);
            long expected = personTimesBefore + household;
            if (options.story()) {
                expected += new Story(api, options.gateway(), today, options.files() + 1, options.seed()).run();
                HardshipFiles generator = new HardshipFiles(options.seed(), Math.toIntExact(options.files()), today,
                        City.leaves(stations));
                expected += new BankStory(api, options.registry(), options.disbursement(), stations, generator, files,
                        bankTransferFiles, today, options.seed(), options.threads()).run(db, options.out()).personTimes();
            }
            return reports.await(expected, options.waitSeconds()) ? 0 : 1;
        }
    }

    private String jdbcUrl() {
        return options.dbUrl().contains("reWriteBatchedInserts") ? options.dbUrl()
                : options.dbUrl() + (options.dbUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    /** Streams the files to the registry's import in batches, a few at a time, keeping only the index. */
    private FileIndex files(List<City.Station> stations, long[] enterpriseIds) throws Exception {
        int total = Math.toIntExact(options.files());
        FileIndex index = new FileIndex(total);
        HardshipFiles generator = new HardshipFiles(options.seed(), total, today, City.leaves(stations));
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        long failed = 0;
        try {
            List<Future<Long>> pending = new ArrayList<>();
            for (int from = 0; from < total; from += options.importBatch()) {
                int start = from;
                int end = Math.min(total, from + options.importBatch());
                pending.add(pool.submit(() -> importBatch(generator, index, enterpriseIds, start, end)));
                if (pending.size() >= options.threads() * 2) {
                    failed += pending.remove(0).get();
                }
            }
            for (Future<Long> f : pending) {
                failed += f.get();
            }
        } finally {
            pool.shutdown();
        }
        say("%,d hardship files imported%s", total - failed, failed == 0 ? "" : String.format(" (%,d refused)", failed));
        return index;
    }

    private long importBatch(HardshipFiles generator, FileIndex index, long[] enterpriseIds, int from, int to) {
        List<HardshipFiles.Spec> specs = new ArrayList<>(to - from);
        List<Map<String, Object>> items = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            HardshipFiles.Spec spec = generator.spec(i);
            if (spec.enterprise() >= 0) {
                spec.item().put("enterpriseId", enterpriseIds[spec.enterprise()]);
            }
            specs.add(spec);
            items.add(spec.item());
        }
        JsonNode result = api.call("POST", options.registry() + "/api/v1/workers/import", Map.of("items", items), "admin");
        long failed = 0;
        for (JsonNode r : result.path("results")) {
            int k = r.path("index").asInt();
            if (r.hasNonNull("id")) {
                index.put(specs.get(k), r.path("id").asLong());
            } else {
                if (failed++ == 0) {
                    System.err.println("datagen: file " + (from + k) + " refused: " + r.path("error"));
                }
                index.put(specs.get(k), 0);
            }
        }
        return failed;
    }

    /** One project's aid in one year. */
    private record Chunk(Plan.ProjectPlan plan, int year, int count, boolean mill) {
    }

    /**
     * Per project and year: the budget through the API, then the paid aid into the database. A first
     * pass only sums the amounts (generation is cheap and deterministic) so the budgets can be set
     * first; the second makes the rows again and writes them, a chunk at a time on a few connections.
     */
    private long payouts(Connection db, List<City.Station> stations, List<City.Enterprise> enterprises,
                         long[] enterpriseIds, FileIndex files, MutualAid.Enrolments enrolments) throws Exception {
        int years = City.lastYear() - City.FIRST_YEAR + 1;
        double factor = options.city() ? 1.0 : options.payouts() / (double) (Plan.cityPerYear() * years);
        Payouts generator = new Payouts(stations, enterpriseIds, enterprises, files, enrolments, today, options.seed());
        List<Chunk> chunks = new ArrayList<>();
        for (Plan.ProjectPlan plan : Plan.PROJECTS) {
            for (int year = City.FIRST_YEAR; year <= City.lastYear(); year++) {
                // At least one a year: every project pays something at every scale.
                int count = (int) Math.max(1, Math.round(plan.perYear() * factor * (year == City.lastYear() ? yearShare() : 1.0)));
                boolean mill = plan.code().equals("LIVING_RELIEF") && year == Plan.MILL_YEAR && options.files() >= 1500;
                chunks.add(new Chunk(plan, year, count, mill));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, options.threads()));
        try {
            List<Future<?>> budgets = new ArrayList<>();
            for (Chunk c : chunks) {
                BigDecimal sum = Payouts.sum(generator.generate(c.plan(), c.year(), c.count(), c.mill()));
                // The allocation leaves some money available (at least 20,000: room for live applications).
                BigDecimal allocation = sum.multiply(new BigDecimal("1.15")).add(BigDecimal.valueOf(20_000))
                        .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.CEILING).multiply(BigDecimal.valueOf(10_000));
                budgets.add(pool.submit(() -> api.call("PUT", options.disbursement() + "/api/v1/projects/" + c.plan().code()
                        + "/budgets/" + c.year(), Map.of("amount", allocation.setScale(2).toPlainString()), "finance")));
            }
            for (Future<?> f : budgets) {
                f.get();
            }
            java.util.concurrent.BlockingQueue<Connection> connections = new java.util.concurrent.LinkedBlockingQueue<>();
            connections.add(db);
            for (int k = 1; k < Math.max(2, options.threads()); k++) {
                connections.add(DriverManager.getConnection(jdbcUrl(), options.dbUser(), options.dbPassword()));
            }
            List<Future<long[]>> written = new ArrayList<>();
            for (Chunk c : chunks) {
                written.add(pool.submit(() -> {
                    List<Payouts.Row> rows = generator.generate(c.plan(), c.year(), c.count(), c.mill());
                    for (Payouts.Row row : rows) {
                        if (row.beneficiary().equals("HOUSEHOLD") && row.channel().equals("BANK_TRANSFER")) {
                            bankTransferFiles.add(row.workerId());
                        }
                    }
                    Connection connection = connections.take();
                    try {
                        for (int from = 0; from < rows.size(); from += 5_000) {
                            PayoutWriter.write(connection, rows.subList(from, Math.min(rows.size(), from + 5_000)), seal);
                        }
                    } finally {
                        connections.add(connection);
                    }
                    return new long[] {rows.size(), Payouts.sum(rows).movePointRight(2).longValueExact()};
                }));
            }
            long household = 0;
            long grants = 0;
            long cents = 0;
            for (int k = 0; k < chunks.size(); k++) {
                long[] done = written.get(k).get();
                if (chunks.get(k).plan().beneficiary().equals("HOUSEHOLD")) {
                    household += done[0];
                } else {
                    grants += done[0];
                }
                cents += done[1];
            }
            for (Connection c : connections) {
                if (c != db) {
                    c.close();
                }
            }
            say("%,d payouts to households and %,d grants since %d, %s yuan in all", household, grants, City.FIRST_YEAR,
                    String.format("%,.2f", BigDecimal.valueOf(cents, 2)));
            return household;
        } finally {
            pool.shutdown();
        }
    }

    /** The share of this year gone by: this year's aid is paid up to yesterday. */
    private double yearShare() {
        return Math.max(0.05, (today.getDayOfYear() - 1) / 365.0);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void say(String format, Object... args) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, String.format(format, args));
    }
}
