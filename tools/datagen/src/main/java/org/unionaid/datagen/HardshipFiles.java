package org.unionaid.datagen;

import org.unionaid.common.identity.IdNumbers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hardship files of the city, file {@code i} made from the seed and {@code i} alone, so any
 * slice can be made without the others, and the same seed always gives the same files. Files
 * are in the order they were entered: {@code createdAt} grows with {@code i}. A third are the
 * legacy files of 2016; the first 150 are workers of the shut-down textile mill.
 */
final class HardshipFiles {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String[] CAUSES = {"ILLNESS", "DISABILITY", "CHILD_EDUCATION", "UNEMPLOYMENT", "ENTERPRISE_SHUTDOWN",
            "DISASTER", "ACCIDENT", "OTHER"};
    static final String[] CATEGORIES = {"DEEP", "RELATIVE", "ACCIDENT"};
    static final int MILL_WORKERS = 150;
    private static final String[] EXIT_REASONS = {"INCOME_ABOVE_LINE", "INCOME_ABOVE_LINE", "INCOME_ABOVE_LINE",
            "DEATH", "MISIDENTIFIED", "TRANSFERRED_TO_GOVERNMENT"};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志红春梅海燕金凤文斌丹辉鹏飞云龙";
    private static final LocalDate START = LocalDate.of(City.FIRST_YEAR, 1, 4);

    /** What reports and payouts need to know of a generated file; {@code enterprise} -1 for none. */
    record Spec(long index, Map<String, Object> item, int station, int enterprise, int category, int cause,
                boolean migrant, boolean student, LocalDate createdOn, LocalDate activatedOn, LocalDate exitedOn) {
    }

    private final long seed;
    private final long count;
    private final LocalDate today;
    private final List<City.Station> leaves;
    private final int millStation;

    HardshipFiles(long seed, long count, LocalDate today, List<City.Station> leaves) {
        this.seed = seed;
        this.count = count;
        this.today = today;
        this.leaves = leaves;
        this.millStation = indexOfEnterpriseStation(leaves, 0);
    }

    /** The day file {@code i} was entered: a third in 2016, the rest spread evenly up to 40 days ago. */
    LocalDate createdOn(long i) {
        long legacy = count / 3;
        if (i < legacy) {
            return START.plusDays(i * 330 / Math.max(legacy, 1));
        }
        LocalDate from = LocalDate.of(City.FIRST_YEAR, 12, 1);
        long span = today.minusDays(40).toEpochDay() - from.toEpochDay();
        return from.plusDays((i - legacy) * span / Math.max(count - legacy, 1));
    }

    Spec spec(long i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 17);
        boolean mill = i < MILL_WORKERS && count >= MILL_WORKERS * 10;
        String id = PersonIds.of(i, seed);
        LocalDate birth = IdNumbers.birthDate(id);
        LocalDate created = createdOn(i);
        int createdYear = created.getYear();
        BigDecimal minimum = City.minimumLivingStandard(createdYear);

        int station = mill ? millStation : r.nextInt(leaves.size());
        int enterprise = leaves.get(station).enterprise();
        if (enterprise < 0 && r.nextInt(100) < 40) {
            enterprise = 1 + r.nextInt(39);
        }
        int roll = r.nextInt(100);
        int category = mill ? (roll < 50 ? 0 : 1) : roll < 35 ? 0 : roll < 90 ? 1 : 2;
        int cause;
        if (mill) {
            cause = 4;
        } else if (category == 2) {
            cause = r.nextBoolean() ? 6 : 5;
        } else {
            int c = r.nextInt(100);
            cause = c < 38 ? 0 : c < 50 ? 1 : c < 64 ? 2 : c < 80 ? 3 : c < 90 ? 4 : 7;
        }
        boolean migrant = !mill && r.nextInt(100) < 10;

        List<Map<String, Object>> members = new ArrayList<>();
        int size = 1 + r.nextInt(5);
        boolean student = false;
        if (size >= 2) {
            members.add(member("SPOUSE", name(r), birth.plusDays(r.nextInt(-1500, 1500)), null, null, r.nextInt(100) < 15, false));
        }
        for (int m = members.size() + 1; m < size; m++) {
            if (m == size - 1 && size >= 4) {
                members.add(member("PARENT", name(r), birth.minusYears(24 + r.nextInt(10)), null, null, r.nextInt(100) < 40,
                        r.nextInt(100) < 15));
                continue;
            }
            LocalDate childBirth = birth.plusYears(22 + r.nextInt(14)).plusDays(r.nextInt(365));
            if (childBirth.isAfter(created)) {
                childBirth = created.minusYears(1 + r.nextInt(10));
            }
            int age = created.getYear() - childBirth.getYear();
            String school = null;
            String grade = null;
            if (age >= 15 && age <= 22) {
                student = true;
                boolean university = age >= 18;
                school = university ? "福州大学" : "福州第" + (1 + r.nextInt(24)) + "中学";
                grade = university ? "大" + (1 + Math.min(age - 18, 3)) : "高" + (1 + Math.min(age - 15, 2));
            } else if (age >= 6 && age < 15) {
                school = "实验小学";
                grade = age < 12 ? (age - 5) + "年级" : "初" + (age - 11);
            }
            members.add(member("CHILD", name(r), childBirth, school, grade, r.nextInt(100) < 8, false));
        }

        // Income aimed at the category: per-capita income a share of the 低保 of the year it was entered.
        double share = switch (category) {
            case 0 -> 0.30 + r.nextDouble() * 0.60;
            case 1 -> 1.10 + r.nextDouble() * 0.75;
            default -> 2.20 + r.nextDouble() * 1.00;
        };
        BigDecimal rigid = BigDecimal.valueOf(r.nextInt(0, 25) * 500L).setScale(2);
        BigDecimal disposable = minimum.multiply(BigDecimal.valueOf(share * 12 * size)).setScale(-2, RoundingMode.HALF_UP);
        BigDecimal yearly = disposable.add(rigid).setScale(2);

        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name(r));
        item.put("idNumber", id);
        item.put("phone", "13" + String.format("%09d", r.nextInt(1_000_000_000)));
        item.put("stationCode", leaves.get(station).code());
        item.put("enterpriseId", null);
        item.put("migrantWorker", migrant);
        if (migrant) {
            item.put("labourRelationSince", created.minusYears(1 + r.nextInt(8)).toString());
        }
        item.put("household", Map.of("members", members, "yearlyIncome", yearly.toPlainString(),
                "rigidCosts", rigid.toPlainString()));
        item.put("mainCause", CAUSES[cause]);
        List<String> others = new ArrayList<>();
        if (r.nextInt(100) < 30) {
            String other = CAUSES[r.nextInt(CAUSES.length)];
            if (!other.equals(CAUSES[cause])) {
                others.add(other);
            }
        }
        item.put("otherCauses", others);
        if (category == 2) {
            item.put("accident", Map.of("date", created.minusDays(10 + r.nextInt(100)).toString(),
                    "kind", cause == 5 ? "DISASTER" : r.nextBoolean() ? "INJURY" : "DISABILITY",
                    "description", cause == 5 ? "台风致房屋受损" : "工伤致残"));
        }
        LocalDate activated = created.plusDays(7 + r.nextInt(24));
        if (activated.isAfter(today.minusDays(1))) {
            activated = today.minusDays(1);
        }
        LocalDate exited = null;
        long room = today.toEpochDay() - activated.toEpochDay();
        if (!mill && room > 400 && r.nextInt(100) < 22) {
            exited = activated.plusDays(200 + r.nextLong(room - 200));
        }
        item.put("status", exited == null ? "ACTIVE" : "EXITED");
        item.put("createdAt", at(created, r));
        item.put("activatedAt", at(activated, r));
        if (exited != null) {
            item.put("exitedAt", at(exited, r));
            item.put("exitReason", EXIT_REASONS[r.nextInt(EXIT_REASONS.length)]);
        }
        return new Spec(i, item, station, enterprise, category, cause, migrant, student, created, activated, exited);
    }

    /** The category the registry computes for these figures (Assessment in aid-registry-service). */
    static String categoryOf(BigDecimal yearly, BigDecimal rigid, int size, BigDecimal minimum, boolean accident) {
        BigDecimal perCapita = yearly.subtract(rigid).max(BigDecimal.ZERO)
                .divide(BigDecimal.valueOf(12L * size), 2, RoundingMode.HALF_UP);
        if (perCapita.compareTo(minimum) < 0) {
            return "DEEP";
        }
        if (perCapita.compareTo(minimum.multiply(BigDecimal.valueOf(2))) < 0) {
            return "RELATIVE";
        }
        return accident || rigid.compareTo(yearly.multiply(new BigDecimal("0.8"))) > 0 ? "ACCIDENT" : null;
    }

    private static String at(LocalDate day, SplittableRandom r) {
        return day.atTime(LocalTime.of(8 + r.nextInt(9), r.nextInt(60))).atZone(CHINA).toInstant().toString();
    }

    private static Map<String, Object> member(String relation, String name, LocalDate birth, String school, String grade,
                                              boolean ill, boolean disabled) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relation", relation);
        m.put("name", name);
        m.put("birthDate", birth.toString());
        m.put("student", school != null && (grade.startsWith("高") || grade.startsWith("大")));
        m.put("school", school);
        m.put("grade", grade);
        m.put("ill", ill);
        m.put("disabled", disabled);
        return m;
    }

    static String name(SplittableRandom r) {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
        int given = r.nextInt(100) < 70 ? 2 : 1;
        for (int k = 0; k < given; k++) {
            name.append(GIVEN.charAt(r.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    private static int indexOfEnterpriseStation(List<City.Station> leaves, int enterprise) {
        for (int s = 0; s < leaves.size(); s++) {
            if (leaves.get(s).enterprise() == enterprise) {
                return s;
            }
        }
        return 0;
    }
}
