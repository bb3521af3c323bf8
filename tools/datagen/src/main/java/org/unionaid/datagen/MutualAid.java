package org.unionaid.datagen;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Medical mutual aid (职工医疗互助) of the demo city, through disbursement's API: the plan of every year since 2016
 * ({@code PUT /api/v1/mutual-aid/plans/{year}}), then each enterprise's workers enrolled for each year with
 * {@code POST /api/v1/mutual-aid/enrolments/bulk} (a CSV per enterprise and year): {@value #MEMBERS} members an
 * enterprise ({@value #MILL_MEMBERS} at the shut-down mill 红星纺织厂, whose premiums the union paid every year),
 * about 85 % of them enrolled in a year, premiums paid by the member, the enterprise or the union. The claims of
 * past years are written with the other historical payouts ({@link Payouts}: MEDICAL_MUTUAL_AID applications naming
 * an enrolment, beneficiary MEMBER), since the API pays today and history needs its own days.
 */
final class MutualAid {

    static final int MEMBERS = 30;
    static final int MILL_MEMBERS = 60;
    static final BigDecimal PREMIUM = new BigDecimal("120.00");
    /** Member index offset for the ID numbers: members are other people than the files' holders. */
    private static final long ID_OFFSET = 5_000_000L;

    /** The enrolments of one year, as the claims pick them: {enrolment id, member id, enterprise index}. */
    record Enrolments(Map<Integer, List<long[]>> byYear) {
        List<long[]> of(int year) {
            return byYear.getOrDefault(year, List.of());
        }
    }

    private final Api api;
    private final String disbursement;
    private final long seed;
    private final BiConsumer<String, Object[]> say;

    MutualAid(Api api, String disbursement, long seed, BiConsumer<String, Object[]> say) {
        this.api = api;
        this.disbursement = disbursement;
        this.seed = seed;
        this.say = say;
    }

    /** Plans, then enrolments of every enterprise and year; answers the enrolments as stored. */
    Enrolments load(Connection db, List<City.Enterprise> enterprises, long[] enterpriseIds) throws SQLException {
        for (int year = City.FIRST_YEAR; year <= City.lastYear(); year++) {
            api.call("PUT", disbursement + "/api/v1/mutual-aid/plans/" + year, Map.of("premium", PREMIUM.toPlainString(),
                    "waitingDays", 90, "share", "0.5000", "perClaimCap", "1130.00", "yearlyCapPerMember", "3000.00"), "admin");
        }
        long enrolled = 0;
        long refused = 0;
        long member = 0;
        for (int e = 0; e < enterprises.size(); e++) {
            int members = e == 0 ? MILL_MEMBERS : MEMBERS;
            List<String[]> people = new ArrayList<>(members);
            SplittableRandom names = new SplittableRandom(seed * 17 + e);
            for (int m = 0; m < members; m++) {
                people.add(new String[] {PersonIds.of(ID_OFFSET + member++, seed), HardshipFiles.name(names)});
            }
            for (int year = City.FIRST_YEAR; year <= City.lastYear(); year++) {
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + e * 101L + year);
                StringBuilder csv = new StringBuilder("idNumber,name,premium,paidBy\n");
                for (String[] person : people) {
                    if (e != 0 && r.nextInt(100) >= 85) {
                        continue;
                    }
                    String paidBy = e == 0 ? "UNION" : switch (r.nextInt(20)) {
                        case 0, 1, 2 -> "UNION";
                        case 3, 4, 5, 6, 7, 8, 9 -> "ENTERPRISE";
                        default -> "MEMBER";
                    };
                    csv.append(person[0]).append(',').append(person[1]).append(',').append(PREMIUM.toPlainString())
                            .append(',').append(paidBy).append('\n');
                }
                JsonNode result = Api.expect(api.sendBytes(disbursement + "/api/v1/mutual-aid/enrolments/bulk?enterpriseId="
                        + enterpriseIds[e] + "&year=" + year, csv.toString().getBytes(StandardCharsets.UTF_8),
                        "text/csv;charset=UTF-8", "admin", "demo-union"), "bulk enrolment");
                enrolled += result.path("enrolled").asLong() + result.path("alreadyEnrolled").asLong();
                refused += result.path("refused").asLong();
            }
        }
        say.accept("%,d mutual-aid enrolments of %,d members in %d enterprises since %d%s", new Object[] {enrolled, member,
                enterprises.size(), City.FIRST_YEAR, refused == 0 ? "" : String.format(" (%,d lines refused)", refused)});
        return stored(db, enterpriseIds);
    }

    /** The enrolments as disbursement stored them, by year, with the enterprise's index in the city's list. */
    static Enrolments stored(Connection db, long[] enterpriseIds) throws SQLException {
        Map<Long, Integer> index = new HashMap<>();
        for (int e = 0; e < enterpriseIds.length; e++) {
            index.put(enterpriseIds[e], e);
        }
        Map<Integer, List<long[]>> byYear = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT id, member_id, enterprise_id, year FROM mutual_aid_enrolment ORDER BY year, id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Integer e = index.get(rows.getLong(3));
                if (e != null) {
                    byYear.computeIfAbsent(rows.getInt(4), y -> new ArrayList<>())
                            .add(new long[] {rows.getLong(1), rows.getLong(2), e});
                }
            }
        }
        return new Enrolments(byYear);
    }
}
