package org.unionaid.disbursement.service;

import org.unionaid.common.problem.Violation;
import org.unionaid.disbursement.domain.Project;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of an application's details per project: known fields only (the project's own, its evidence keys and
 * share basis as the admin set them, and {@code note}, {@code source}), each of one type, bounded in length, count
 * and nesting. Messages name the field and never repeat its value (details are medical and student data).
 */
final class DetailsShape {

    enum Kind {
        /** A line of text: at most {@value #MAX_TEXT} characters, no control characters. */
        TEXT,
        /** Evidence: a text, or a list of at most {@value #MAX_LIST} texts. */
        EVIDENCE,
        /** Yuan: a decimal (number or string), non-negative, at most 12 integer digits and 2 decimals. */
        AMOUNT,
        /** A checklist: evidence, or an object of at most {@value #MAX_KEYS} named items each true/false or a text. */
        CHECKLIST,
        /** A whole count from 0 to 100000. */
        COUNT,
        /** An id of a household member: up to 18 digits (number or string). */
        MEMBER_ID
    }

    static final int MAX_KEYS = 20;
    static final int MAX_TEXT = 500;
    static final int MAX_LIST = 50;
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final Pattern MEMBER = Pattern.compile("\\d{1,18}");
    private static final BigDecimal MAX_COUNT = new BigDecimal(100_000);

    private static final Map<String, Kind> COMMON = Map.of("note", Kind.TEXT, "source", Kind.TEXT);
    private static final Map<String, Map<String, Kind>> BY_PROJECT = Map.of(
            "SERIOUS_ILLNESS", Map.of("medicalBills", Kind.EVIDENCE, "outOfPocket", Kind.AMOUNT,
                    "totalCost", Kind.AMOUNT, "hospital", Kind.TEXT, "visits", Kind.COUNT),
            "MEDICAL_MUTUAL_AID", Map.of("medicalBills", Kind.EVIDENCE, "outOfPocket", Kind.AMOUNT,
                    "totalCost", Kind.AMOUNT, "hospital", Kind.TEXT, "mutualAidMembership", Kind.EVIDENCE,
                    "admissionDate", Kind.TEXT),
            "GOLDEN_AUTUMN", Map.of("studentMemberId", Kind.MEMBER_ID, "schoolLevel", Kind.TEXT, "schoolYear", Kind.TEXT,
                    "admissionNotice", Kind.EVIDENCE, "school", Kind.TEXT),
            "ACCIDENT_RELIEF", Map.of("accidentReport", Kind.EVIDENCE, "accidentDate", Kind.TEXT, "loss", Kind.AMOUNT),
            "FESTIVAL_WARMTH", Map.of("campaign", Kind.TEXT),
            "KEY_ENTERPRISE", Map.of("supportPlan", Kind.EVIDENCE),
            "SKILLS_TRAINING", Map.of("trainingCertificate", Kind.EVIDENCE, "trainingCost", Kind.AMOUNT, "course", Kind.TEXT),
            "EMPLOYMENT_AID", Map.of("placementOutcome", Kind.EVIDENCE, "employer", Kind.TEXT),
            "STATION_STANDARDISATION", Map.of("checklist", Kind.CHECKLIST));

    private DetailsShape() {
    }

    /** The fields a project's details may hold, and their kinds. */
    static Map<String, Kind> fieldsOf(Project project) {
        Map<String, Kind> fields = new LinkedHashMap<>(COMMON);
        project.evidenceKeys().forEach(key -> fields.put(key, Kind.EVIDENCE));
        fields.putAll(BY_PROJECT.getOrDefault(project.code, Map.of()));
        if (project.shareBasis != null) {
            fields.put(project.shareBasis, Kind.AMOUNT);
        }
        return fields;
    }

    /** Adds a violation per unfit field of {@code details}. */
    static void check(Project project, Map<String, Object> details, List<Violation> violations) {
        if (details.size() > MAX_KEYS) {
            violations.add(Violation.keyed("details", "details-size", MAX_KEYS));
            return;
        }
        Map<String, Kind> fields = fieldsOf(project);
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            String name = entry.getKey();
            if (!FIELD_NAME.matcher(name).matches()) {
                violations.add(Violation.keyed("details", "details-names"));
                continue;
            }
            Kind kind = fields.get(name);
            String field = "details." + name;
            if (kind == null) {
                violations.add(Violation.keyed(field, "unknown-detail", project.code, String.join(", ", fields.keySet())));
                continue;
            }
            String problem = problemOf(kind, entry.getValue());
            if (problem != null) {
                violations.add(Violation.keyed(field, problem, MAX_TEXT, MAX_LIST, MAX_KEYS));
            }
        }
        if (violations.isEmpty()) {
            checkShareOfCost(details, violations);
        }
    }

    /** What a household paid itself is a part of the whole cost: an out-of-pocket share above the cost is no share. */
    private static void checkShareOfCost(Map<String, Object> details, List<Violation> violations) {
        BigDecimal share = details.get("outOfPocket") == null ? null : amount(details.get("outOfPocket"));
        BigDecimal cost = details.get("totalCost") == null ? null : amount(details.get("totalCost"));
        if (share != null && cost != null && share.compareTo(cost) > 0) {
            violations.add(Violation.keyed("details.outOfPocket", "out-of-pocket-above-cost"));
        }
    }

    /** What is wrong with the value (the key of its violation message), or null; never the value itself. */
    private static String problemOf(Kind kind, Object value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case TEXT -> textProblem(value);
            case EVIDENCE -> {
                if (value instanceof List<?> list) {
                    if (list.size() > MAX_LIST) {
                        yield "evidence-list-size";
                    }
                    for (Object item : list) {
                        String problem = item == null ? "evidence-list" : textProblem(item);
                        if (problem != null) {
                            yield problem;
                        }
                    }
                    yield null;
                }
                yield textProblem(value);
            }
            case CHECKLIST -> {
                if (value instanceof Map<?, ?> items) {
                    if (items.size() > MAX_KEYS) {
                        yield "checklist-size";
                    }
                    for (Map.Entry<?, ?> item : items.entrySet()) {
                        if (!FIELD_NAME.matcher(String.valueOf(item.getKey())).matches()) {
                            yield "checklist-names";
                        }
                        if (!(item.getValue() instanceof Boolean) && textProblem(item.getValue()) != null) {
                            yield "checklist-values";
                        }
                    }
                    yield null;
                }
                yield problemOf(Kind.EVIDENCE, value);
            }
            case AMOUNT -> amount(value) == null
                    ? "amount-range" : null;
            case COUNT -> {
                BigDecimal n = number(value, false);
                yield n == null || n.signum() < 0 || n.compareTo(MAX_COUNT) > 0 || n.stripTrailingZeros().scale() > 0
                        ? "count" : null;
            }
            case MEMBER_ID -> (value instanceof String || value instanceof Number) && MEMBER.matcher(value.toString()).matches()
                    ? null : "student-member";
        };
    }

    private static String textProblem(Object value) {
        if (!(value instanceof String text)) {
            return "text";
        }
        if (text.length() > MAX_TEXT) {
            return "text-length";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f) {
                return "control-characters";
            }
        }
        return null;
    }

    /** A non-negative amount of at most 12 integer digits and 2 decimals, or null. */
    static BigDecimal amount(Object value) {
        BigDecimal amount = number(value, true);
        if (amount == null || amount.signum() < 0) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > 2 || stripped.precision() - stripped.scale() > 12) {
            return null;
        }
        return amount;
    }

    /** The number a JSON number or a numeric string holds; null for anything else (NaN, Infinity, text, booleans). */
    private static BigDecimal number(Object value, boolean stringsToo) {
        String text;
        if (value instanceof BigDecimal d) {
            return d;
        } else if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            text = n.toString();
        } else if (value instanceof String s && stringsToo) {
            text = s.trim();
        } else if (value instanceof String s && MEMBER.matcher(s).matches()) {
            text = s;
        } else {
            return null;
        }
        if (text.length() > 40) {
            return null;
        }
        try {
            BigDecimal parsed = new BigDecimal(text);
            // 1e400 or 1e-400: an exponent far outside any amount
            return Math.abs((long) parsed.scale()) > 40 ? null : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
