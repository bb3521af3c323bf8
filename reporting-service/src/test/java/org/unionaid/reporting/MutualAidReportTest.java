package org.unionaid.reporting;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionaid.reporting.Expected.Fig;
import org.unionaid.reporting.feed.FeedReader;
import org.unionaid.reporting.stub.FeedStubs;
import org.unionaid.reporting.stub.FeedStubsResource;
import org.unionaid.testsupport.PostgresResource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unionaid.reporting.Reports.money;
import static org.unionaid.testsupport.TestTokens.bearer;

/**
 * Medical mutual aid reported (issue 18): enrolments from disbursement's enrolment feed, claims as payouts naming a
 * member, closed enterprises from the registry's list. Every figure is compared with one computed from the source
 * items the stubs serve. Its own profile, so its own database and stubs: the figures are all of this test's data.
 */
@QuarkusTest
@TestProfile(MutualAidReportTest.Own.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(FeedStubsResource.class)
class MutualAidReportTest {

    /** A profile of its own: a fresh app, database and stubs. */
    public static class Own implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("union-aid.enterprises.refresh-interval", "1s");
        }
    }

    static final long CLOSED = 506;
    static final long SMALL = 505;
    static final List<Long> ENTERPRISES = List.of(501L, 502L, 503L, 504L, SMALL, CLOSED);
    static final String PROJECT = "MEDICAL_MUTUAL_AID";

    @FeedStubs.Inject
    FeedStubs stubs;

    @Inject
    FeedReader reader;

    private static boolean made;

    @BeforeEach
    void enterprisesWithFourYearsOfMutualAid() {
        if (!made) {
            made = true;
            SourceData data = new SourceData(stubs, 18);
            SourceData.City city = data.city("MA");
            Random random = new Random(18);
            for (long e : ENTERPRISES) {
                stubs.registry().enterprise(e, e == CLOSED ? "CLOSED" : "OPERATING", e == CLOSED ? "2022-06-30" : null);
            }
            stubs.registry().enterprise(507, "SUSPENDED", "2023-01-01");
            long member = 9000;
            String[] payers = {"MEMBER", "ENTERPRISE", "UNION"};
            for (long e : ENTERPRISES) {
                int members = e == SMALL ? 2 : 8 + random.nextInt(7);
                List<Long> pool = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    pool.add(++member);
                }
                for (int year = 2021; year <= 2024; year++) {
                    for (long m : pool) {
                        if (random.nextInt(10) >= 8 && e != SMALL) {
                            continue;
                        }
                        String paidBy = e == CLOSED ? "UNION" : payers[random.nextInt(3)];
                        var enrolment = data.enrolment(m, e, year, new BigDecimal(paidBy.equals("UNION") ? "100.00" : "120.00"), paidBy);
                        if (random.nextInt(10) < 6) {
                            int claims = 1 + random.nextInt(2);
                            for (int c = 0; c < claims; c++) {
                                var claim = data.claim(enrolment, BigDecimal.valueOf(20_000 + random.nextInt(600_000), 2),
                                        LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28)));
                                if (random.nextInt(10) == 0) {
                                    data.reverse(claim, LocalDate.of(year, 12, 30));
                                }
                            }
                        }
                        if (random.nextInt(15) == 0) {
                            stubs.disbursement().redeliver("enrolments", enrolment);
                        }
                    }
                }
            }
            // claims made on a hardship file before enrolments existed count too, for their file
            var worker = data.worker(city.communities().get(0), "DEEP", "ILLNESS", LocalDate.of(2020, 3, 1));
            worker = data.change(worker, Map.of("enterpriseId", 501));
            data.payout(worker, PROJECT, new BigDecimal("800.00"), LocalDate.of(2022, 5, 5));
            data.payout(worker, "LIVING_RELIEF", new BigDecimal("500.00"), LocalDate.of(2022, 5, 6));
        }
        assertTrue(reader.catchUp());
    }

    @Test
    void everyFigureByEnterpriseAndYearEqualsTheSourceItems() {
        Source source = new Source(stubs);
        var body = Reports.get("mutual-aid", "groupBy=enterprise,year").extract().jsonPath();
        List<Map<String, Object>> items = body.getList("items");
        Set<List<Object>> keys = new HashSet<>(source.enrolled.keySet());
        keys.addAll(source.claims.keySet());
        assertEquals(keys.size(), items.size(), "one item per (enterprise, year) with enrolments or claims");
        int shown = 0;
        int hiddenSmall = 0;
        for (Map<String, Object> item : items) {
            List<Object> key = List.of(((Number) item.get("enterprise")).longValue(), item.get("year"));
            long[] counts = source.enrolled.getOrDefault(key, new long[1]);
            Map<String, BigDecimal> premiums = source.premiums.getOrDefault(key, Map.of());
            assertEquals(counts[0], ((Number) item.get("members")).longValue(), "members " + key);
            Map<?, ?> p = (Map<?, ?>) item.get("premiums");
            assertEquals(money(premiums.getOrDefault("MEMBER", BigDecimal.ZERO)), p.get("member"), "member premiums " + key);
            assertEquals(money(premiums.getOrDefault("ENTERPRISE", BigDecimal.ZERO)), p.get("enterprise"), key.toString());
            assertEquals(money(premiums.getOrDefault("UNION", BigDecimal.ZERO)), p.get("union"), key.toString());
            assertEquals(money(premiums.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)), p.get("total"), key.toString());
            boolean closed = key.get(0).equals(CLOSED);
            assertEquals(closed, item.get("enterpriseClosed"), key.toString());
            assertEquals(money(closed ? premiums.getOrDefault("UNION", BigDecimal.ZERO) : BigDecimal.ZERO),
                    item.get("unionPaidPremiumsOfClosedEnterprises"), key.toString());
            Map<?, ?> claims = (Map<?, ?>) item.get("claims");
            Fig expected = source.claims.getOrDefault(key, Expected.NONE);
            if (Boolean.TRUE.equals(claims.get("suppressed"))) {
                assertNull(claims.get("amount"));
                assertNull(claims.get("persons"));
                if (expected.persons().size() < Reports.MIN_CELL) {
                    hiddenSmall++;
                }
            } else {
                shown++;
                assertTrue(expected.persons().size() >= Reports.MIN_CELL || expected.persons().isEmpty(), key.toString());
                assertEquals(expected.personTimes(), ((Number) claims.get("personTimes")).longValue(), "claims " + key);
                assertEquals(expected.persons().size(), ((Number) claims.get("persons")).intValue(), "claimants " + key);
                assertEquals(money(expected.amount()), claims.get("amount"), "claimed " + key);
            }
        }
        assertTrue(hiddenSmall >= 4, "the small enterprise's claims are suppressed every year: " + hiddenSmall);
        assertTrue(shown >= 10, "most cells are shown (24 cells, 4 small ones and their complements hidden): " + shown);
    }

    @Test
    void figuresByYearAndTheirTotalsAreExactAndSoAreTheClosedEnterprisesUnionPremiums() {
        Source source = new Source(stubs);
        var body = Reports.get("mutual-aid", "groupBy=year").extract().jsonPath();
        Map<Integer, Fig> claimsByYear = new TreeMap<>();
        source.claims.forEach((key, fig) -> claimsByYear.merge((Integer) key.get(1), fig, Source::plus));
        List<Map<String, Object>> items = body.getList("items");
        assertEquals(4, items.size());
        for (Map<String, Object> item : items) {
            int year = (Integer) item.get("year");
            Fig expected = claimsByYear.get(year);
            Map<?, ?> claims = (Map<?, ?>) item.get("claims");
            assertEquals(false, claims.get("suppressed"), "a breakdown by year alone identifies nobody");
            assertEquals(expected.personTimes(), ((Number) claims.get("personTimes")).longValue());
            assertEquals(expected.persons().size(), ((Number) claims.get("persons")).intValue());
            assertEquals(money(expected.amount()), claims.get("amount"));
            assertEquals(money(source.closedUnion.get(year)), item.get("unionPaidPremiumsOfClosedEnterprises"));
        }
        Fig all = source.claims.values().stream().reduce(Expected.NONE, Source::plus);
        assertEquals(all.personTimes(), body.getLong("totals.claims.personTimes"));
        assertEquals(all.persons().size(), body.getInt("totals.claims.persons"));
        assertEquals(money(all.amount()), body.getString("totals.claims.amount"));
        assertEquals(source.enrolled.values().stream().mapToLong(c -> c[0]).sum(), body.getLong("totals.members"));
        BigDecimal closedTotal = source.closedUnion.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(closedTotal.signum() > 0, "the closed enterprise's premiums were paid by the union");
        assertEquals(money(closedTotal), body.getString("unionPaidPremiumsOfClosedEnterprises.total"));
        assertEquals(money(closedTotal), body.getString("totals.unionPaidPremiumsOfClosedEnterprises"));
        List<Map<String, Object>> years = body.getList("unionPaidPremiumsOfClosedEnterprises.years");
        assertEquals(source.closedUnion.size(), years.size());
        for (Map<String, Object> y : years) {
            assertEquals(money(source.closedUnion.get((Integer) y.get("year"))), y.get("amount"));
        }
        // one enterprise, one year: the closed enterprise's 2023
        var one = Reports.get("mutual-aid", "groupBy=year&enterprise=" + CLOSED + "&from=2023&to=2023").extract().jsonPath();
        assertEquals(1, one.getList("items").size());
        assertEquals(money(source.closedUnion.get(2023)), one.getString("unionPaidPremiumsOfClosedEnterprises.total"));
        assertEquals(source.enrolled.get(List.of(CLOSED, 2023))[0], one.getLong("totals.members"));
    }

    @Test
    void theAidReportAndTheSummaryCountMembersClaimsAsTheMutualAidReportDoes() {
        Source source = new Source(stubs);
        var mutual = Reports.get("mutual-aid", "groupBy=year").extract().jsonPath();
        var aid = Reports.get("aid", "groupBy=year&project=" + PROJECT).extract().jsonPath();
        List<Map<String, Object>> aidItems = aid.getList("items");
        List<Map<String, Object>> mutualItems = mutual.getList("items");
        assertEquals(mutualItems.size(), aidItems.size());
        for (int i = 0; i < aidItems.size(); i++) {
            Map<?, ?> claims = (Map<?, ?>) mutualItems.get(i).get("claims");
            assertEquals(mutualItems.get(i).get("year"), aidItems.get(i).get("year"));
            assertEquals(claims.get("amount"), aidItems.get(i).get("amount"));
            assertEquals(claims.get("personTimes"), aidItems.get(i).get("personTimes"));
            assertEquals(claims.get("persons"), aidItems.get(i).get("persons"));
        }
        assertEquals(mutual.getString("totals.claims.amount"), aid.getString("totals.amount"));
        // the summary: members' claims are person aid (members never counted as files), no grant
        Expected expected = new Expected(stubs);
        Fig households = expected.total(Expected::household);
        var summary = Reports.get("summary", "").extract().jsonPath();
        assertEquals(households.personTimes(), summary.getLong("personTimes"));
        assertEquals(households.persons().size(), summary.getInt("persons"));
        assertEquals(money(households.amount()), summary.getString("amount"));
        assertEquals(0, summary.getLong("stationGrants.count"));
        Map<String, Object> project = summary.<Map<String, Object>>getList("projects").stream()
                .filter(p -> PROJECT.equals(p.get("project"))).findFirst().orElseThrow();
        assertEquals(mutual.getString("totals.claims.amount"), project.get("amount"));
        assertEquals("HOUSEHOLD", project.get("beneficiary"));
    }

    @Test
    void replayingEveryFeedFromTheStartChangesNoFigure() throws Exception {
        String before = figures("groupBy=enterprise,year") + figures("groupBy=year") + figures("groupBy=year&enterprise=501");
        String aidBefore = Reports.get("aid", "groupBy=enterprise,year&project=" + PROJECT).extract().jsonPath().getString("items");
        try (Connection db = TestDb.connection(); Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE feed_position SET last_seq = 0 WHERE feed IN ('enrolments', 'payouts')");
        }
        assertTrue(reader.catchUp());
        assertTrue(reader.catchUp());
        assertEquals(before, figures("groupBy=enterprise,year") + figures("groupBy=year") + figures("groupBy=year&enterprise=501"));
        assertEquals(aidBefore, Reports.get("aid", "groupBy=enterprise,year&project=" + PROJECT).extract().jsonPath().getString("items"));
    }

    @Test
    void anEnterpriseTheRegistryClosesCountsAsClosedAndTheEtagMoves() {
        String tag = given().header("Authorization", bearer("admin")).accept("application/json")
                .when().get("/api/v1/reports/mutual-aid?groupBy=enterprise").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", bearer("admin")).header("If-None-Match", tag).accept("application/json")
                .when().get("/api/v1/reports/mutual-aid?groupBy=enterprise").then().statusCode(304);
        Source source = new Source(stubs);
        BigDecimal union504 = source.premiums.entrySet().stream().filter(e -> e.getKey().get(0).equals(504L))
                .map(e -> e.getValue().getOrDefault("UNION", BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal closedBefore = source.closedUnion.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        stubs.registry().enterprise(504, "CLOSED", "2024-12-31");
        try {
            assertTrue(reader.catchUp());
            var body = given().header("Authorization", bearer("admin")).accept("application/json")
                    .when().get("/api/v1/reports/mutual-aid?groupBy=enterprise").then().statusCode(200).extract();
            assertNotEquals(tag, body.header("ETag"));
            Map<String, Object> item = body.jsonPath().<Map<String, Object>>getList("items").stream()
                    .filter(i -> ((Number) i.get("enterprise")).longValue() == 504).findFirst().orElseThrow();
            assertEquals(true, item.get("enterpriseClosed"));
            assertEquals(money(union504), item.get("unionPaidPremiumsOfClosedEnterprises"));
            assertEquals(money(closedBefore.add(union504)), body.jsonPath().getString("unionPaidPremiumsOfClosedEnterprises.total"));
        } finally {
            stubs.registry().enterprise(504, "OPERATING", "2024-12-31");
            assertTrue(reader.catchUp());
        }
        assertEquals(money(closedBefore), Reports.get("mutual-aid", "groupBy=year").extract().jsonPath()
                .getString("unionPaidPremiumsOfClosedEnterprises.total"));
    }

    @Test
    void csvCarriesTheSameFiguresWithARowOfTotals() {
        var json = Reports.get("mutual-aid", "groupBy=year").extract().jsonPath();
        String csv = given().header("Authorization", bearer("analyst")).accept("text/csv")
                .when().get("/api/v1/reports/mutual-aid?groupBy=year").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("year,members,premiumsMember,premiumsEnterprise,premiumsUnion,premiumsTotal,claimPersonTimes,"
                + "claimPersons,claimAmount,claimsSuppressed,unionPaidPremiumsOfClosedEnterprises,asOf", lines[0]);
        assertEquals(json.getList("items").size() + 2, lines.length);
        String[] first = lines[1].split(",");
        assertEquals(json.getString("items[0].year"), first[0]);
        assertEquals(json.getString("items[0].members"), first[1]);
        assertEquals(json.getString("items[0].premiums.total"), first[5]);
        assertEquals(json.getString("items[0].claims.amount"), first[8]);
        String[] totals = lines[lines.length - 1].split(",");
        assertEquals("ALL", totals[0]);
        assertEquals(json.getString("totals.claims.amount"), totals[8]);
        assertEquals(json.getString("unionPaidPremiumsOfClosedEnterprises.total"), totals[10]);
    }

    @Test
    void badParametersAndOtherRolesAreRefused() {
        Map<String, String> bad = Map.of(
                "groupBy=station", "groupBy",
                "from=2024-Q1", "from",
                "to=2024-03", "to",
                "project=LIVING_RELIEF", "project",
                "station=MA-C", "station",
                "category=DEEP", "category",
                "enterprise=abc", "enterprise",
                "from=2025&to=2021", "to",
                "limit=10", "limit");
        bad.forEach((query, field) -> given().header("Authorization", bearer("analyst"))
                .when().get("/api/v1/reports/mutual-aid?" + query)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem(field)));
        given().header("Authorization", bearer("analyst")).header("Accept-Language", "zh")
                .when().get("/api/v1/reports/mutual-aid?from=2024-Q1")
                .then().statusCode(400).body("violations[0].message", org.hamcrest.Matchers.containsString("年份"));
        for (String role : List.of("reviewer", "clerk", "finance", "service")) {
            given().header("Authorization", bearer(role)).when().get("/api/v1/reports/mutual-aid").then().statusCode(403);
        }
        given().when().get("/api/v1/reports/mutual-aid").then().statusCode(401);
        var defaults = Reports.get("mutual-aid", "").extract().jsonPath();
        assertEquals(List.of("enterprise", "year"), defaults.getList("groupBy"));
    }

    @Test
    void aDisbursementWithoutTheEnrolmentFeedHoldsNoReportBack() {
        String figures = figures("groupBy=year");
        stubs.disbursement().absent("enrolments", true);
        try {
            var enrolment = new SourceData(stubs, 99).enrolment(9999, 501, 2024, new BigDecimal("120.00"), "MEMBER");
            assertTrue(reader.catchUp(), "a 404 of the enrolment feed is no outage: nothing to read");
            java.time.Instant asked = java.time.Instant.now();
            // asOf is the oldest feed's last complete catch-up: it keeps moving with the enrolment feed absent
            long deadline = System.nanoTime() + 10_000_000_000L;
            String asOf = null;
            while (System.nanoTime() < deadline && (asOf == null || java.time.Instant.parse(asOf).isBefore(asked.minusSeconds(3)))) {
                reader.catchUp();
                asOf = Reports.get("summary", "").extract().jsonPath().getString("asOf");
            }
            assertTrue(asOf != null && !java.time.Instant.parse(asOf).isBefore(asked.minusSeconds(3)), "asOf " + asOf);
            assertEquals(figures, figures("groupBy=year"), "the enrolment not read");
            stubs.disbursement().absent("enrolments", false);
            assertTrue(reader.catchUp());
            assertEquals(Source.members(stubs), Reports.get("mutual-aid", "groupBy=year").extract().jsonPath().getLong("totals.members"));
            assertTrue(enrolment.get("seq") != null);
        } finally {
            stubs.disbursement().absent("enrolments", false);
        }
    }

    /** The report's figures without asOf (which moves while the feeds are idle). */
    private static String figures(String query) {
        var body = Reports.get("mutual-aid", query).extract().jsonPath();
        return body.getString("items") + body.getString("totals") + body.getString("unionPaidPremiumsOfClosedEnterprises");
    }

    /** The mutual-aid figures the source items imply. */
    static final class Source {
        /** (enterprise, year) -> [members]. */
        final Map<List<Object>, long[]> enrolled = new HashMap<>();
        final Map<List<Object>, Map<String, BigDecimal>> premiums = new HashMap<>();
        /** year -> union-paid premiums of the CLOSED enterprise. */
        final Map<Integer, BigDecimal> closedUnion = new TreeMap<>();
        /** (enterprise, year paid) -> standing claims of MEDICAL_MUTUAL_AID. */
        final Map<List<Object>, Fig> claims;

        Source(FeedStubs stubs) {
            Set<Object> seen = new HashSet<>();
            Set<Long> closed = new HashSet<>();
            for (long e = 500; e < 510; e++) {
                if (stubs.registry().enterpriseStatus(e).equals("CLOSED")) {
                    closed.add(e);
                }
            }
            for (Map<String, Object> e : stubs.disbursement().items("enrolments")) {
                if (!seen.add(e.get("enrolmentId"))) {
                    continue;
                }
                long enterprise = ((Number) e.get("enterpriseId")).longValue();
                int year = (Integer) e.get("year");
                List<Object> key = List.of(enterprise, year);
                enrolled.computeIfAbsent(key, k -> new long[1])[0]++;
                BigDecimal premium = new BigDecimal((String) e.get("premium"));
                premiums.computeIfAbsent(key, k -> new HashMap<>()).merge((String) e.get("paidBy"), premium, BigDecimal::add);
                if (closed.contains(enterprise) && "UNION".equals(e.get("paidBy"))) {
                    closedUnion.merge(year, premium, BigDecimal::add);
                }
            }
            claims = new Expected(stubs).aid(p -> PROJECT.equals(p.get("projectCode")),
                    p -> List.of(p.get("enterpriseId") == null ? 0L : ((Number) p.get("enterpriseId")).longValue(),
                            Expected.on(p).getYear()));
        }

        /** Distinct enrolments served. */
        static long members(FeedStubs stubs) {
            return stubs.disbursement().items("enrolments").stream().map(e -> e.get("enrolmentId")).distinct().count();
        }

        static Fig plus(Fig a, Fig b) {
            Set<Object> persons = new HashSet<>(a.persons());
            persons.addAll(b.persons());
            return new Fig(a.personTimes() + b.personTimes(), persons, a.amount().add(b.amount()));
        }
    }
}
