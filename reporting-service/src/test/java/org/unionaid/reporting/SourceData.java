package org.unionaid.reporting;

import org.unionaid.reporting.stub.FeedStubs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Generates source items in the contracts' shape and serves them through the feed stubs. */
final class SourceData {

    static final String[] HOUSEHOLD_PROJECTS = {"LIVING_RELIEF", "SERIOUS_ILLNESS", "MEDICAL_MUTUAL_AID",
            "GOLDEN_AUTUMN", "FESTIVAL_WARMTH", "SKILLS_TRAINING"};
    static final String[] CATEGORIES = {"DEEP", "RELATIVE", "ACCIDENT"};
    static final String[] CAUSES = {"ILLNESS", "DISABILITY", "UNEMPLOYMENT", "ENTERPRISE_SHUTDOWN"};
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    static final int DAYS = 3 * 365;

    private static final AtomicLong IDS = new AtomicLong(1000);

    /** A small city: its centre, two districts, two communities in each. */
    record City(String code, List<String> districts, List<String> communities) {
    }

    private final FeedStubs stubs;
    private final Random random;

    SourceData(FeedStubs stubs, long seed) {
        this.stubs = stubs;
        this.random = new Random(seed);
    }

    City city(String prefix) {
        String city = prefix + "-C";
        station(city, null, "CITY", "/" + city + "/");
        List<String> districts = new ArrayList<>();
        List<String> communities = new ArrayList<>();
        for (int d = 1; d <= 2; d++) {
            String district = city + "-D" + d;
            districts.add(district);
            station(district, city, "DISTRICT", "/" + city + "/" + district + "/");
            for (int s = 1; s <= 2; s++) {
                String community = district + "-S" + s;
                communities.add(community);
                station(community, district, "COMMUNITY", "/" + city + "/" + district + "/" + community + "/");
            }
        }
        return new City(city, districts, communities);
    }

    Map<String, Object> station(String code, String parent, String level, String path) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("code", code);
        item.put("name", "Station " + code);
        item.put("parentCode", parent);
        item.put("level", level);
        item.put("path", path);
        return stubs.registry().add("stations", item);
    }

    /** An active file; the name and ID number are there to prove reports never carry them. */
    Map<String, Object> worker(String station, String category, String cause, LocalDate createdOn) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("fileId", IDS.incrementAndGet());
        item.put("status", "ACTIVE");
        item.put("category", category);
        item.put("mainCause", cause);
        item.put("otherCauses", List.of());
        item.put("stationCode", station);
        item.put("enterpriseId", 7);
        item.put("migrantWorker", false);
        item.put("createdOn", createdOn.toString());
        item.put("activatedOn", createdOn.plusDays(8).toString());
        item.put("exitedOn", null);
        item.put("exitReason", null);
        item.put("mergedInto", null);
        item.put("changedAt", createdOn.plusDays(8) + "T08:00:00Z");
        item.put("name", "张秘密");
        item.put("idNumber", "43038119800101123X");
        return stubs.registry().add("workers", item);
    }

    /** The file's next state: the same fields with those changed. */
    Map<String, Object> change(Map<String, Object> worker, Map<String, Object> changes) {
        Map<String, Object> item = new LinkedHashMap<>(worker);
        item.remove("seq");
        item.putAll(changes);
        return stubs.registry().add("workers", item);
    }

    /** A reviewer merged {@code duplicate} into {@code survivor}: the duplicate's next state, CANCELLED. */
    Map<String, Object> merge(Map<String, Object> duplicate, Map<String, Object> survivor) {
        return change(duplicate, Map.of("status", "CANCELLED", "mergedInto", survivor.get("fileId")));
    }

    Map<String, Object> payout(Map<String, Object> worker, String project, BigDecimal amount, LocalDate on) {
        return stubs.disbursement().add("payouts", unsentPayout(worker, project, amount, on));
    }

    /** A household payout's item, not served yet (a test serves it with {@code stubs.disbursement().add}). */
    Map<String, Object> unsentPayout(Map<String, Object> worker, String project, BigDecimal amount, LocalDate on) {
        Map<String, Object> item = event("PAYOUT", IDS.incrementAndGet(), project, "HOUSEHOLD", amount, on);
        item.put("workerId", worker.get("fileId"));
        item.put("stationCode", worker.get("stationCode"));
        item.put("enterpriseId", worker.get("enterpriseId"));
        item.put("category", worker.get("category"));
        item.put("mainCause", worker.get("mainCause"));
        return item;
    }

    /** A mutual-aid enrolment of a member (disbursement's opaque member number) for a year. */
    Map<String, Object> enrolment(long memberId, long enterpriseId, int year, BigDecimal premium, String paidBy) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("enrolmentId", IDS.incrementAndGet());
        item.put("memberId", memberId);
        item.put("enterpriseId", enterpriseId);
        item.put("year", year);
        item.put("premium", premium.toPlainString());
        item.put("paidBy", paidBy);
        item.put("enrolledAt", year + "-01-05T02:00:00Z");
        return stubs.disbursement().add("enrolments", item);
    }

    /** A paid mutual-aid claim by enrolment: beneficiary MEMBER, no file, no station. */
    Map<String, Object> claim(Map<String, Object> enrolment, BigDecimal amount, LocalDate on) {
        Map<String, Object> item = event("PAYOUT", IDS.incrementAndGet(), "MEDICAL_MUTUAL_AID", "MEMBER", amount, on);
        item.put("workerId", null);
        item.put("enrolmentId", enrolment.get("enrolmentId"));
        item.put("memberId", enrolment.get("memberId"));
        item.put("enterpriseId", enrolment.get("enterpriseId"));
        item.put("stationCode", null);
        item.put("category", null);
        item.put("mainCause", null);
        return stubs.disbursement().add("payouts", item);
    }

    Map<String, Object> grant(String beneficiary, String stationCode, long enterpriseId, BigDecimal amount, LocalDate on) {
        String project = "ENTERPRISE".equals(beneficiary) ? "KEY_ENTERPRISE" : "STATION_STANDARDISATION";
        Map<String, Object> item = event("PAYOUT", IDS.incrementAndGet(), project, beneficiary, amount, on);
        item.put("workerId", null);
        item.put("stationCode", stationCode);
        item.put("enterpriseId", "ENTERPRISE".equals(beneficiary) ? enterpriseId : null);
        item.put("category", null);
        item.put("mainCause", null);
        return stubs.disbursement().add("payouts", item);
    }

    /** A reversal repeats the payout's fields, with its own entry id and day. */
    Map<String, Object> reverse(Map<String, Object> payout, LocalDate on) {
        Map<String, Object> item = new LinkedHashMap<>(payout);
        item.remove("seq");
        item.put("entryId", IDS.incrementAndGet());
        item.put("kind", "REVERSAL");
        item.put("occurredOn", on.toString());
        item.put("occurredAt", on + "T09:00:00Z");
        return stubs.disbursement().add("payouts", item);
    }

    /** Files spread over the communities, payouts over three years, some reversed, a few grants. */
    List<Map<String, Object>> activity(City city, int files, int payouts) {
        List<Map<String, Object>> workers = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            workers.add(worker(pick(city.communities()), pick(List.of(CATEGORIES)), pick(List.of(CAUSES)), day()));
        }
        List<Map<String, Object>> paid = new ArrayList<>();
        for (int i = 0; i < payouts; i++) {
            Map<String, Object> payout = payout(pick(workers), pick(List.of(HOUSEHOLD_PROJECTS)), amount(), day());
            paid.add(payout);
            if (random.nextInt(10) == 0) {
                reverse(pick(paid), day());
            }
        }
        for (int i = 0; i < 3; i++) {
            grant("ENTERPRISE", null, 7 + i, amount(), day());
            grant("STATION", pick(city.communities()), 0, amount(), day());
        }
        return workers;
    }

    LocalDate day() {
        return FIRST_DAY.plusDays(random.nextInt(DAYS));
    }

    BigDecimal amount() {
        return BigDecimal.valueOf(10_000 + random.nextInt(500_000), 2);
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Map<String, Object> event(String kind, long payoutId, String project, String beneficiary,
                                             BigDecimal amount, LocalDate on) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("entryId", IDS.incrementAndGet());
        item.put("kind", kind);
        item.put("payoutId", payoutId);
        item.put("applicationId", payoutId + 1_000_000);
        item.put("projectCode", project);
        item.put("beneficiary", beneficiary);
        item.put("amount", amount.toPlainString());
        item.put("occurredOn", on.toString());
        item.put("occurredAt", on + "T03:00:00Z");
        return item;
    }
}
