package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.unionaid.common.identity.IdNumbers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @Test
    void generated_id_numbers_are_valid_and_never_repeat() {
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            String id = PersonIds.of(i, 42);
            assertTrue(IdNumbers.isValid(id), id);
            assertTrue(seen.add(id), "repeated " + id);
            assertFalse(IdNumbers.birthDate(id).isAfter(LocalDate.of(2002, 1, 1)), id);
        }
        // A known number of the spec's example keeps its check character.
        assertEquals('X', IdNumbers.checkCharacter("11010519491231002X"));
    }

    @Test
    void the_same_seed_gives_the_same_files_and_another_seed_other_people() {
        List<City.Station> leaves = City.leaves(City.stations());
        HardshipFiles a = new HardshipFiles(7, 4_000, TODAY, leaves);
        HardshipFiles b = new HardshipFiles(7, 4_000, TODAY, leaves);
        HardshipFiles c = new HardshipFiles(8, 4_000, TODAY, leaves);
        for (long i : new long[] {0, 1, 1_333, 3_999}) {
            assertEquals(a.spec(i).item(), b.spec(i).item());
            assertNotEquals(a.spec(i).item().get("idNumber"), c.spec(i).item().get("idNumber"));
        }
    }

    @Test
    void each_file_has_the_category_the_registry_will_compute_and_dates_in_order() {
        List<City.Station> leaves = City.leaves(City.stations());
        HardshipFiles files = new HardshipFiles(20160101, 4_000, TODAY, leaves);
        int[] categories = new int[3];
        LocalDate previous = LocalDate.MIN;
        for (long i = 0; i < 4_000; i++) {
            HardshipFiles.Spec s = files.spec(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> household = (Map<String, Object>) s.item().get("household");
            int size = 1 + ((List<?>) household.get("members")).size();
            String category = HardshipFiles.categoryOf(new BigDecimal((String) household.get("yearlyIncome")),
                    new BigDecimal((String) household.get("rigidCosts")), size,
                    City.minimumLivingStandard(s.createdOn().getYear()), s.item().containsKey("accident"));
            assertEquals(HardshipFiles.CATEGORIES[s.category()], category, "file " + i);
            categories[s.category()]++;
            assertFalse(s.createdOn().isBefore(previous), "files are in the order entered");
            previous = s.createdOn();
            Instant created = Instant.parse((String) s.item().get("createdAt"));
            Instant activated = Instant.parse((String) s.item().get("activatedAt"));
            assertTrue(activated.isAfter(created));
            assertTrue(activated.isBefore(TODAY.atStartOfDay(HardshipFiles.CHINA).toInstant()));
            if (s.exitedOn() != null) {
                assertTrue(Instant.parse((String) s.item().get("exitedAt")).isAfter(activated));
                assertEquals("EXITED", s.item().get("status"));
            }
        }
        assertTrue(categories[0] > 1_000 && categories[1] > 1_800 && categories[2] > 250,
                "a mix of DEEP, RELATIVE and ACCIDENT: " + java.util.Arrays.toString(categories));
    }

    @Test
    void the_city_has_73_stations_whose_paths_chain_their_parents() {
        List<City.Station> stations = City.stations();
        assertEquals(73, stations.size());
        Map<String, String> paths = new java.util.HashMap<>();
        stations.forEach(s -> paths.put(s.code(), s.path()));
        for (City.Station s : stations) {
            if (s.parentCode() != null) {
                assertEquals(paths.get(s.parentCode()) + s.code() + "/", s.path());
            }
        }
        assertEquals(18, stations.stream().filter(s -> s.level().equals("ENTERPRISE")).count());
    }

    @Test
    void a_feed_row_carries_the_fields_of_the_contract() throws Exception {
        Payouts.Row row = new Payouts.Row("SERIOUS_ILLNESS", "HOUSEHOLD", 2024, 1001, 7L, "C01-D02-S03",
                "/C01/C01-D02/C01-D02-S03/", "DEEP", "ILLNESS", new BigDecimal("19800.00"),
                Instant.parse("2024-04-01T17:00:00Z"), "BANK_TRANSFER", null, "{}", null, null);
        JsonNode item = Api.JSON.readTree(PayoutWriter.feedPayload(77, 31, 12, row));
        assertEquals(77, item.path("entryId").asLong());
        assertEquals("PAYOUT", item.path("kind").asText());
        assertEquals(1001, item.path("workerId").asLong());
        assertEquals("19800.00", item.path("amount").asText());
        assertEquals("2024-04-02", item.path("occurredOn").asText(), "the day in China");
        assertTrue(item.path("enrolmentId").isNull() && item.path("memberId").isNull(), "no enrolment: null, as the service writes");
        assertEquals(16, item.size());
    }

    @Test
    void mutual_aid_claims_are_members_claims_on_the_years_enrolments() throws Exception {
        long[] enterpriseIds = new long[City.enterprises(7).size()];
        for (int e = 0; e < enterpriseIds.length; e++) {
            enterpriseIds[e] = 100 + e;
        }
        List<long[]> enrolled2020 = List.of(new long[] {501, 9001, 0}, new long[] {502, 9002, 3}, new long[] {503, 9003, 3});
        MutualAid.Enrolments enrolments = new MutualAid.Enrolments(Map.of(2020, enrolled2020));
        List<City.Station> stations = City.stations();
        Payouts payouts = new Payouts(stations, enterpriseIds, City.enterprises(7), new FileIndex(0), enrolments, TODAY, 7);
        Plan.ProjectPlan plan = Plan.PROJECTS.stream().filter(p -> p.code().equals("MEDICAL_MUTUAL_AID")).findFirst().orElseThrow();
        List<Payouts.Row> rows = payouts.generate(plan, 2020, 506, false);
        assertEquals(506, rows.size(), "every claim finds an enrolment");
        Set<Long> members = new HashSet<>();
        for (Payouts.Row row : rows) {
            assertEquals("MEMBER", row.beneficiary());
            long[] enrolment = enrolled2020.stream().filter(x -> x[0] == row.enrolmentId()).findFirst().orElseThrow();
            assertEquals(enrolment[1], row.memberId());
            assertEquals(enterpriseIds[(int) enrolment[2]], row.enterpriseId());
            City.Station station = stations.stream().filter(s -> s.code().equals(row.stationCode())).findFirst().orElseThrow();
            assertEquals("ENTERPRISE", station.level(), "paid at the enterprise's station");
            LocalDate day = row.paidAt().atZone(HardshipFiles.CHINA).toLocalDate();
            assertTrue(!day.isBefore(LocalDate.of(2020, 4, 1)) && day.getYear() == 2020, "after the waiting days: " + day);
            assertTrue(row.amount().compareTo(new BigDecimal("1130.00")) <= 0, "within the plan's cap per claim");
            members.add(row.memberId());
            JsonNode item = Api.JSON.readTree(PayoutWriter.feedPayload(1, 2, 3, row));
            assertTrue(item.path("workerId").isNull());
            assertEquals(row.memberId().longValue(), item.path("memberId").asLong());
            assertEquals(row.enrolmentId().longValue(), item.path("enrolmentId").asLong());
        }
        assertEquals(3, members.size());
        assertEquals(0, payouts.generate(plan, 2021, 50, false).size(), "no enrolments that year, no claims");
    }

    @Test
    void city_scale_plan_is_the_size_of_the_model_city() {
        int years = 11;
        long perYear = Plan.cityPerYear();
        long total = perYear * years;
        assertTrue(total > 14_000 && total < 17_000, "payouts since 2016: " + total);
    }
}
