package org.unionaid.datagen;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Historical aid: for one project and year, the paid applications with their decisions, payouts,
 * ledger entries (RESERVE then PAY, like the service) and payout-feed rows, written with JDBC
 * batches into the disbursement database exactly as disbursement-service writes them (details sealed
 * with its key, {@link DetailsSeal}).
 */
final class Payouts {

    /** Marks every generated payout: the loader's "already loaded" test looks for it. */
    static final String REFERENCE_PREFIX = "DEMO/";
    static final long FEED_LOCK = 7_003L;

    /** A payout to write; a member's mutual-aid claim (beneficiary MEMBER) names its enrolment and member, no file. */
    record Row(String project, String beneficiary, int year, long workerId, Long enterpriseId, String stationCode,
               String stationPath, String category, String cause, BigDecimal amount, Instant paidAt,
               String channel, String onceKey, String details, Long enrolmentId, Long memberId) {
    }

    private final City.Station[] leaves;
    private final List<City.Station> communities;
    private final List<City.Station> enterpriseStations;
    private final long[] enterpriseIds;
    private final List<Integer> keyEnterprises;
    private final FileIndex files;
    private final MutualAid.Enrolments enrolments;
    private final LocalDate today;
    private final long seed;

    /** {@code enrolments}: mutual-aid claims are members' claims on them (null: claims by hardship file, as before). */
    Payouts(List<City.Station> stations, long[] enterpriseIds, List<City.Enterprise> enterprises, FileIndex files,
            MutualAid.Enrolments enrolments, LocalDate today, long seed) {
        this.leaves = City.leaves(stations).toArray(City.Station[]::new);
        this.communities = stations.stream().filter(s -> s.level().equals("COMMUNITY")).toList();
        this.enterpriseStations = stations.stream().filter(s -> s.level().equals("ENTERPRISE")).toList();
        this.enterpriseIds = enterpriseIds;
        this.keyEnterprises = new ArrayList<>();
        for (int e = 0; e < enterprises.size(); e++) {
            if (enterprises.get(e).keyEnterprise()) {
                keyEnterprises.add(e);
            }
        }
        this.files = files;
        this.enrolments = enrolments;
        this.today = today;
        this.seed = seed;
    }

    /** The payouts of one project in one year; deterministic for the seed, project and year. */
    List<Row> generate(Plan.ProjectPlan plan, int year, int count, boolean millRelief) {
        SplittableRandom r = new SplittableRandom(seed * 31 + plan.code().hashCode() * 1_000_003L + year);
        List<Row> rows = new ArrayList<>(count);
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        int entered = files.enteredBy(yearEnd);
        Set<Integer> once = new HashSet<>();
        if (millRelief) {
            for (int i = 0; i < HardshipFiles.MILL_WORKERS && rows.size() < Plan.MILL_AIDED; i++) {
                Row row = household(plan, year, i, BigDecimal.valueOf(Plan.MILL_RELIEF), LocalDate.of(year, 6, 1),
                        LocalDate.of(year, 7, 15), r, "{\"source\":\"legacy\",\"note\":\"企业关停专项\"}");
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        for (int n = 0; n < count; n++) {
            BigDecimal amount = amount(plan, r);
            Row row = switch (plan.beneficiary()) {
                case "ENTERPRISE" -> enterpriseGrant(plan, year, amount, r);
                case "STATION" -> stationGrant(plan, year, amount, r);
                default -> enrolments != null && plan.code().equals("MEDICAL_MUTUAL_AID") ? claim(plan, year, amount, r)
                        : pick(plan, year, entered, amount, once, r);
            };
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    private Row pick(Plan.ProjectPlan plan, int year, int entered, BigDecimal amount, Set<Integer> once, SplittableRandom r) {
        if (entered == 0) {
            return null;
        }
        boolean oncePer = plan.code().equals("GOLDEN_AUTUMN") || plan.code().equals("FESTIVAL_WARMTH");
        for (int attempt = 0; attempt < 60; attempt++) {
            int i = r.nextInt(entered);
            if (files.ids[i] == 0 || (oncePer && once.contains(i))) {
                continue;
            }
            if (plan.code().equals("MIGRANT_WORKER_AID") && (files.flags[i] & FileIndex.MIGRANT) == 0) {
                continue;
            }
            if (plan.code().equals("GOLDEN_AUTUMN") && (files.flags[i] & FileIndex.STUDENT) == 0) {
                continue;
            }
            if (plan.code().equals("ACCIDENT_RELIEF") && files.category[i] != 2 && attempt < 40) {
                continue;
            }
            if (plan.code().equals("SERIOUS_ILLNESS") && files.cause[i] != 0 && attempt < 40) {
                continue;
            }
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = LocalDate.of(year, 12, 31);
            if (plan.code().equals("FESTIVAL_WARMTH")) {
                from = LocalDate.of(year, 1, 10);
                to = LocalDate.of(year, 2, 10);
            } else if (plan.code().equals("GOLDEN_AUTUMN")) {
                from = LocalDate.of(year, 8, 10);
                to = LocalDate.of(year, 9, 20);
            }
            String details = switch (plan.code()) {
                case "GOLDEN_AUTUMN" -> "{\"source\":\"legacy\",\"schoolLevel\":\""
                        + (amount.intValue() == 5000 ? "UNIVERSITY" : "HIGH_SCHOOL") + "\",\"schoolYear\":\"" + year + "-" + (year + 1) + "\"}";
                case "FESTIVAL_WARMTH" -> "{\"source\":\"legacy\",\"campaign\":\"" + year + "春节送温暖\"}";
                case "SERIOUS_ILLNESS", "MEDICAL_MUTUAL_AID" -> "{\"source\":\"legacy\",\"medicalBills\":\"legacy\",\"outOfPocket\":\""
                        + amount.multiply(BigDecimal.valueOf(2)).setScale(2) + "\"}";
                default -> "{\"source\":\"legacy\"}";
            };
            Row row = household(plan, year, i, amount, from, to, r, details);
            if (row != null) {
                if (oncePer) {
                    once.add(i);
                }
                return row;
            }
        }
        return null;
    }

    /** A payout to file i between from and to, within the file's active time and before today; null if none fits. */
    private Row household(Plan.ProjectPlan plan, int year, int i, BigDecimal amount, LocalDate from, LocalDate to,
                          SplittableRandom r, String details) {
        long lo = Math.max(from.toEpochDay(), files.activatedDay[i] + 1L);
        long hi = Math.min(Math.min(to.toEpochDay(), files.exitDay[i] - 1L), today.toEpochDay() - 1);
        if (lo > hi) {
            return null;
        }
        LocalDate day = LocalDate.ofEpochDay(lo + r.nextLong(hi - lo + 1));
        City.Station station = leaves[files.station[i]];
        int e = files.enterprise[i];
        String onceKey = switch (plan.code()) {
            case "GOLDEN_AUTUMN" -> "student:legacy-" + files.ids[i] + ":" + year + "-" + (year + 1);
            case "FESTIVAL_WARMTH" -> "campaign:" + year + "春节送温暖";
            default -> null;
        };
        return new Row(plan.code(), "HOUSEHOLD", year, files.ids[i], e < 0 ? null : enterpriseIds[e], station.code(),
                station.path(), HardshipFiles.CATEGORIES[files.category[i]], HardshipFiles.CAUSES[files.cause[i]],
                amount, paidAt(day, r), plan.code().equals("FESTIVAL_WARMTH") && r.nextInt(10) < 3 ? "CASH" : "BANK_TRANSFER",
                onceKey, details, null, null);
    }

    /**
     * A member's claim on one of the year's enrolments: admitted after the plan's 90 waiting days, paid at the
     * enterprise's station, in cash (a member has no bank account until one is given); null if the year has none.
     */
    private Row claim(Plan.ProjectPlan plan, int year, BigDecimal amount, SplittableRandom r) {
        List<long[]> enrolled = enrolments.of(year);
        long lo = LocalDate.of(year, 4, 1).toEpochDay();
        long hi = Math.min(LocalDate.of(year, 12, 31).toEpochDay(), today.toEpochDay() - 1);
        if (enrolled.isEmpty() || lo > hi) {
            return null;
        }
        long[] enrolment = enrolled.get(r.nextInt(enrolled.size()));
        int e = (int) enrolment[2];
        City.Station station = enterpriseStations.stream().filter(s -> s.enterprise() == e).findFirst()
                .orElse(enterpriseStations.get(e % enterpriseStations.size()));
        LocalDate day = LocalDate.ofEpochDay(lo + r.nextLong(hi - lo + 1));
        String details = "{\"source\":\"legacy\",\"hospital\":\"legacy\",\"admissionDate\":\"" + day.minusDays(10)
                + "\",\"outOfPocket\":\"" + amount.multiply(BigDecimal.valueOf(2)).setScale(2) + "\"}";
        return new Row(plan.code(), "MEMBER", year, 0, enterpriseIds[e], station.code(), station.path(), null, null, amount,
                paidAt(day, r), "CASH", null, details, enrolment[0], enrolment[1]);
    }

    private Row enterpriseGrant(Plan.ProjectPlan plan, int year, BigDecimal amount, SplittableRandom r) {
        int e = keyEnterprises.get(r.nextInt(keyEnterprises.size()));
        City.Station station = enterpriseStations.stream().filter(s -> s.enterprise() == e).findFirst()
                .orElse(enterpriseStations.get(e % enterpriseStations.size()));
        LocalDate day = grantDay(year, r);
        return day == null ? null : new Row(plan.code(), "ENTERPRISE", year, 0, enterpriseIds[e], station.code(),
                station.path(), null, null, amount, paidAt(day, r), "BANK_TRANSFER", null, "{\"source\":\"legacy\",\"supportPlan\":\"legacy\"}", null, null);
    }

    private Row stationGrant(Plan.ProjectPlan plan, int year, BigDecimal amount, SplittableRandom r) {
        City.Station station = communities.get(r.nextInt(communities.size()));
        LocalDate day = grantDay(year, r);
        return day == null ? null : new Row(plan.code(), "STATION", year, 0, null, station.code(), station.path(), null, null,
                amount, paidAt(day, r), "BANK_TRANSFER", null, "{\"source\":\"legacy\",\"checklist\":\"legacy\"}", null, null);
    }

    private LocalDate grantDay(int year, SplittableRandom r) {
        long lo = LocalDate.of(year, 3, 1).toEpochDay();
        long hi = Math.min(LocalDate.of(year, 11, 30).toEpochDay(), today.toEpochDay() - 1);
        return lo > hi ? null : LocalDate.ofEpochDay(lo + r.nextLong(hi - lo + 1));
    }

    private static BigDecimal amount(Plan.ProjectPlan plan, SplittableRandom r) {
        if (plan.code().equals("GOLDEN_AUTUMN")) {
            return BigDecimal.valueOf(r.nextInt(100) < 93 ? 3_000 : 5_000).setScale(2);
        }
        int steps = (plan.max() - plan.min()) / plan.step();
        return BigDecimal.valueOf(plan.min() + (long) plan.step() * r.nextInt(steps + 1)).setScale(2);
    }

    private static Instant paidAt(LocalDate day, SplittableRandom r) {
        return day.atTime(LocalTime.of(9 + r.nextInt(8), r.nextInt(60), r.nextInt(60))).atZone(HardshipFiles.CHINA).toInstant();
    }

    static BigDecimal sum(List<Row> rows) {
        return rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Writes the rows in one transaction: applications (PAID), payouts, a RESERVE and a PAY ledger
     * entry each, the payout-feed rows (under the feed's advisory lock), and the budget's paid figure.
     */
    static void write(Connection db, List<Row> rows, DetailsSeal seal) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            long applicationBase = reserve(db, "application_seq", n);
            long payoutBase = reserve(db, "payout_seq", n);
            long ledgerBase = reserve(db, "ledger_entry_seq", 2L * n);
            try (PreparedStatement app = db.prepareStatement("""
                    INSERT INTO application (id, project_code, year, beneficiary, worker_id, enterprise_id, station_code,
                      station_path, category, main_cause, requested_amount, amount, details, once_key, status,
                      submitted_by, submitted_at, decided_by, decided_at, version, enrolment_id, member_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PAID', ?, ?, ?, ?, 2, ?, ?)""")) {
                for (int k = 0; k < n; k++) {
                    Row row = rows.get(k);
                    Instant decided = row.paidAt().minusSeconds(86_400L * (1 + k % 9));
                    Instant submitted = decided.minusSeconds(86_400L * (2 + k % 13));
                    app.setLong(1, applicationBase + k);
                    app.setString(2, row.project());
                    app.setInt(3, row.year());
                    app.setString(4, row.beneficiary());
                    setLong(app, 5, row.beneficiary().equals("HOUSEHOLD") ? row.workerId() : null);
                    setLong(app, 6, row.enterpriseId());
                    app.setString(7, row.stationCode());
                    app.setString(8, row.stationPath());
                    app.setString(9, row.category());
                    app.setString(10, row.cause());
                    app.setBigDecimal(11, row.amount());
                    app.setBigDecimal(12, row.amount());
                    app.setBytes(13, seal.seal(row.details()));
                    app.setString(14, row.onceKey());
                    app.setString(15, "demo-clerk-" + row.stationCode());
                    app.setTimestamp(16, Timestamp.from(submitted));
                    app.setString(17, "demo-reviewer");
                    app.setTimestamp(18, Timestamp.from(decided));
                    setLong(app, 19, row.enrolmentId());
                    setLong(app, 20, row.memberId());
                    app.addBatch();
                }
                app.executeBatch();
            }
            try (PreparedStatement pay = db.prepareStatement("""
                    INSERT INTO payout (id, application_id, project_code, year, amount, channel, reference, status, paid_at, paid_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'PAID', ?, 'demo-finance')""")) {
                for (int k = 0; k < n; k++) {
                    Row row = rows.get(k);
                    pay.setLong(1, payoutBase + k);
                    pay.setLong(2, applicationBase + k);
                    pay.setString(3, row.project());
                    pay.setInt(4, row.year());
                    pay.setBigDecimal(5, row.amount());
                    pay.setString(6, row.channel());
                    pay.setString(7, REFERENCE_PREFIX + row.year() + "/" + (applicationBase + k));
                    pay.setTimestamp(8, Timestamp.from(row.paidAt()));
                    pay.addBatch();
                }
                pay.executeBatch();
            }
            try (PreparedStatement ledger = db.prepareStatement("""
                    INSERT INTO ledger_entry (id, project_code, year, kind, amount, application_id, payout_id, created_at, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int k = 0; k < n; k++) {
                    Row row = rows.get(k);
                    Instant decided = row.paidAt().minusSeconds(86_400L * (1 + k % 9));
                    entry(ledger, ledgerBase + 2L * k, row, "RESERVE", applicationBase + k, null, decided, "demo-reviewer");
                    entry(ledger, ledgerBase + 2L * k + 1, row, "PAY", applicationBase + k, payoutBase + k, row.paidAt(), "demo-finance");
                }
                ledger.executeBatch();
            }
            try (Statement lock = db.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + FEED_LOCK + ")");
            }
            try (PreparedStatement feed = db.prepareStatement(
                    "INSERT INTO payout_feed (entry_id, payload) VALUES (?, CAST(? AS jsonb))")) {
                for (int k = 0; k < n; k++) {
                    Row row = rows.get(k);
                    long entry = ledgerBase + 2L * k + 1;
                    feed.setLong(1, entry);
                    feed.setString(2, feedPayload(entry, payoutBase + k, applicationBase + k, row));
                    feed.addBatch();
                }
                feed.executeBatch();
            }
            try (PreparedStatement budget = db.prepareStatement(
                    "UPDATE budget SET paid = paid + ?, updated_at = now() WHERE project_code = ? AND year = ?")) {
                budget.setBigDecimal(1, sum(rows));
                budget.setString(2, rows.get(0).project());
                budget.setInt(3, rows.get(0).year());
                if (budget.executeUpdate() != 1) {
                    throw new SQLException("no budget " + rows.get(0).project() + "/" + rows.get(0).year());
                }
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    /** The feed item as PayoutFeed writes it (PayoutEvent as JSON). */
    static String feedPayload(long entryId, long payoutId, long applicationId, Row row) {
        return "{\"entryId\":" + entryId + ",\"kind\":\"PAYOUT\",\"payoutId\":" + payoutId
                + ",\"applicationId\":" + applicationId + ",\"projectCode\":\"" + row.project()
                + "\",\"beneficiary\":\"" + row.beneficiary() + "\",\"workerId\":"
                + (row.beneficiary().equals("HOUSEHOLD") ? row.workerId() : "null")
                + ",\"stationCode\":\"" + row.stationCode() + "\",\"enterpriseId\":" + row.enterpriseId()
                + ",\"category\":" + quoted(row.category()) + ",\"mainCause\":" + quoted(row.cause())
                + ",\"amount\":\"" + row.amount().toPlainString() + "\",\"occurredOn\":\""
                + row.paidAt().atZone(HardshipFiles.CHINA).toLocalDate() + "\",\"occurredAt\":\"" + row.paidAt()
                + "\",\"enrolmentId\":" + row.enrolmentId() + ",\"memberId\":" + row.memberId() + "}";
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static void entry(PreparedStatement ledger, long id, Row row, String kind, long applicationId, Long payoutId,
                              Instant at, String by) throws SQLException {
        ledger.setLong(1, id);
        ledger.setString(2, row.project());
        ledger.setInt(3, row.year());
        ledger.setString(4, kind);
        ledger.setBigDecimal(5, row.amount());
        ledger.setLong(6, applicationId);
        setLong(ledger, 7, payoutId);
        ledger.setTimestamp(8, Timestamp.from(at));
        ledger.setString(9, by);
        ledger.addBatch();
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    /** Ids left unused below a reserved range: room for the nextval calls of others while it is taken. */
    static final long GAP = 1_000;

    /**
     * Takes {@code n} ids of a sequence the service also draws from: moves the sequence past them and
     * a gap below them in one statement, so the service's next (pooled) block starts above them. nextval
     * and setval are two steps: whoever draws in between gets a value just above the old position (a
     * pooled block of the service, up to 50 ids below its value), so the ids taken are the top {@code n},
     * {@value #GAP} above it. The generator's own threads take turns (they once drew in between each
     * other and wrote the same ledger ids). Returns the first id.
     */
    static synchronized long reserve(Connection db, String sequence, long n) throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT setval('" + sequence + "', nextval('" + sequence + "') + " + (GAP + n) + ")")) {
            rs.next();
            return rs.getLong(1) - n + 1;
        }
    }
}
