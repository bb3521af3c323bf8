package org.unionaid.datagen;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Historical aid: for one project and year, the paid applications with their payouts ({@link Row}),
 * deterministic for the seed, project and year; {@link PayoutWriter} writes them into the disbursement
 * database as disbursement-service does.
 */
final class Payouts {

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
}
