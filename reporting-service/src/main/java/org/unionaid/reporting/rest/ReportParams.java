package org.unionaid.reporting.rest;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.core.MultivaluedMap;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.ReportQuery;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The query parameters reports share, checked and turned into a {@link ReportQuery} (400 with violations). */
public class ReportParams {

    static final Set<String> PROJECTS = Set.of("LIVING_RELIEF", "SERIOUS_ILLNESS", "MEDICAL_MUTUAL_AID",
            "GOLDEN_AUTUMN", "ACCIDENT_RELIEF", "FESTIVAL_WARMTH", "KEY_ENTERPRISE", "SKILLS_TRAINING",
            "EMPLOYMENT_AID", "MIGRANT_WORKER_AID", "STATION_STANDARDISATION");
    static final Set<String> LEVELS = Set.of("CITY", "DISTRICT", "STREET", "COMMUNITY", "ENTERPRISE");
    static final Set<String> CATEGORIES = Set.of("DEEP", "RELATIVE", "ACCIDENT");
    static final Set<String> CAUSES = Set.of("ILLNESS", "DISABILITY", "CHILD_EDUCATION", "UNEMPLOYMENT",
            "ENTERPRISE_SHUTDOWN", "DISASTER", "ACCIDENT", "OTHER");
    static final Set<String> STATUSES = Set.of("PENDING", "ACTIVE", "TEMPORARY", "EXITED", "REJECTED", "CANCELLED");

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");
    /** The years a report may name: aid and files of the federation's time, well inside every date type. */
    static final int FIRST_YEAR = 1950;
    static final int LAST_YEAR = 2100;
    /** The query parameters a report reads; any other one is refused (a misspelt filter would widen the report). */
    static final Set<String> NAMES = Set.of("groupBy", "from", "to", "since", "project", "station", "level", "category",
            "cause", "enterprise", "status");
    private static final Pattern STATION = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @QueryParam("groupBy")
    @Parameter(description = "Comma-separated keys the items are grouped by: project, year, quarter, month, station, enterprise, category, cause (aid); status, category, cause, station, year, quarter, month (registry)", example = "project,year", schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    String groupBy;
    @QueryParam("from")
    @Parameter(description = "First period, a year, quarter or month (1950-2100)", example = "2024", schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"))
    String from;
    @QueryParam("to")
    @Parameter(description = "Last period, a year, quarter or month (1950-2100), not before from", example = "2024-Q2", schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"))
    String to;
    @QueryParam("since")
    @Parameter(description = "Cumulative from this year on (instead of from)", example = "2016", schema = @Schema(type = SchemaType.STRING, pattern = "^\\d{4}$"))
    String since;
    @QueryParam("project")
    @Parameter(description = "Comma-separated project codes (not on the registry report)", example = "LIVING_RELIEF,GOLDEN_AUTUMN", schema = @Schema(type = SchemaType.STRING, maxLength = 400))
    String project;
    @QueryParam("station")
    @Parameter(description = "Limits to this station and those below it", example = "C01-D01", schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,32}$", maxLength = 32))
    String station;
    @QueryParam("level")
    @Parameter(description = "Rolls stations up to this level of the tree", schema = @Schema(type = SchemaType.STRING, enumeration = {"CITY", "DISTRICT", "STREET", "COMMUNITY", "ENTERPRISE"}))
    String level;
    @QueryParam("category")
    @Parameter(description = "Files of this category", schema = @Schema(type = SchemaType.STRING, enumeration = {"DEEP", "RELATIVE", "ACCIDENT"}))
    String category;
    @QueryParam("cause")
    @Parameter(description = "Files of this hardship cause", schema = @Schema(type = SchemaType.STRING, enumeration = {"ILLNESS", "DISABILITY", "CHILD_EDUCATION", "UNEMPLOYMENT", "ENTERPRISE_SHUTDOWN", "DISASTER", "ACCIDENT", "OTHER"}))
    String cause;
    @QueryParam("enterprise")
    @Parameter(description = "Aid tied to this enterprise (its id; not on the registry report)", example = "31", schema = @Schema(type = SchemaType.STRING, pattern = "^[1-9][0-9]{0,17}$"))
    String enterprise;
    @QueryParam("status")
    @Parameter(description = "Files of this status (registry report only)", schema = @Schema(type = SchemaType.STRING, enumeration = {"PENDING", "ACTIVE", "TEMPORARY", "EXITED", "REJECTED", "CANCELLED"}))
    String status;

    /**
     * The checked query. {@code parameters}: every query parameter sent (unknown ones are refused);
     * {@code registry}: the registry report, which has status but neither project nor enterprise.
     */
    ReportQuery toQuery(MultivaluedMap<String, String> parameters, Set<Dim> allowed,
                        List<Dim> byDefault, boolean registry) {
        boolean statusAllowed = registry;
        Violations violations = new Violations();
        for (Map.Entry<String, List<String>> p : new java.util.TreeMap<>(parameters).entrySet()) {
            if (!NAMES.contains(p.getKey())) {
                violations.add(Violation.keyed(printable(p.getKey()), "parameter-unknown", String.join(", ", new java.util.TreeSet<>(NAMES))));
            } else if (p.getValue().size() > 1) {
                violations.add(Violation.keyed(p.getKey(), "parameter-repeated"));
            } else if (p.getValue().stream().anyMatch(String::isBlank)) {
                violations.add(Violation.keyed(p.getKey(), "parameter-empty"));
            } else if (p.getValue().stream().anyMatch(ReportParams::hasControl)) {
                violations.add(Violation.keyed(p.getKey(), "parameter-control"));
            }
        }
        if (!violations.list.isEmpty()) {
            throw new ProblemException(400, "invalid-request", violations.list, Map.of());
        }
        List<Dim> dims = new ArrayList<>(byDefault);
        if (groupBy != null) {
            dims.clear();
            for (String name : groupBy.split(",", -1)) {
                Dim dim = Dim.of(name.trim()).filter(allowed::contains).orElse(null);
                if (dim == null) {
                    violations.add(Violation.keyed("groupBy", "group-by-unknown", clip(name), names(allowed)));
                } else if (!dims.contains(dim)) {
                    dims.add(dim);
                }
            }
        }
        if (dims.contains(Dim.STATUS) && dims.stream().anyMatch(d -> d == Dim.YEAR || d == Dim.QUARTER || d == Dim.MONTH)) {
            violations.add(Violation.keyed("groupBy", "group-by-status-period"));
        }
        YearMonth start = null;
        YearMonth end = null;
        if (since != null) {
            if (from != null) {
                violations.add(Violation.keyed("since", "since-with-from"));
            } else if (!since.matches("\\d{4}")) {
                violations.add(Violation.keyed("since", "since-format"));
            } else if (!inRange(Integer.parseInt(since))) {
                violations.add(Violation.keyed("since", "period-range", String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR)));
            } else {
                start = YearMonth.of(Integer.parseInt(since), 1);
            }
        }
        if (from != null) {
            start = period(from, true, "from", violations);
        }
        if (to != null) {
            end = period(to, false, "to", violations);
        }
        if (start != null && end != null && start.isAfter(end)) {
            violations.add(Violation.keyed("to", "to-before-from"));
        }
        Set<String> projects = new LinkedHashSet<>();
        if (registry && project != null) {
            violations.add(Violation.keyed("project", "filter-unsupported"));
        } else if (project != null) {
            for (String code : project.split(",", -1)) {
                if (PROJECTS.contains(code.trim())) {
                    projects.add(code.trim());
                } else {
                    violations.add(Violation.keyed("project", "project-unknown", clip(code)));
                }
            }
        }
        if (station != null && !STATION.matcher(station).matches()) {
            violations.add(Violation.keyed("station", "station-format"));
        }
        check("level", level, LEVELS, violations);
        check("category", category, CATEGORIES, violations);
        check("cause", cause, CAUSES, violations);
        if (status != null && !statusAllowed) {
            violations.add(Violation.keyed("status", "filter-unsupported"));
        } else {
            check("status", status, STATUSES, violations);
        }
        Long enterpriseId = null;
        if (registry && enterprise != null) {
            violations.add(Violation.keyed("enterprise", "filter-unsupported"));
        } else if (enterprise != null) {
            if (enterprise.matches("[1-9][0-9]{0,17}")) {
                enterpriseId = Long.parseLong(enterprise);
            } else {
                violations.add(Violation.keyed("enterprise", "enterprise-format"));
            }
        }
        if (!violations.list.isEmpty()) {
            throw new ProblemException(400, "invalid-request", violations.list, Map.of());
        }
        return new ReportQuery(List.copyOf(dims), start, end, projects, station, level, category, cause, enterpriseId, status);
    }

    private static YearMonth period(String value, boolean start, String field, Violations violations) {
        Matcher m = PERIOD.matcher(value);
        if (!m.matches()) {
            violations.add(Violation.keyed(field, "period-format"));
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (!inRange(year)) {
            violations.add(Violation.keyed(field, "period-range", String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR)));
            return null;
        }
        if (m.group(2) != null) {
            int firstMonth = (Integer.parseInt(m.group(2)) - 1) * 3 + 1;
            return YearMonth.of(year, start ? firstMonth : firstMonth + 2);
        }
        if (m.group(3) != null) {
            return YearMonth.of(year, Integer.parseInt(m.group(3)));
        }
        return YearMonth.of(year, start ? 1 : 12);
    }

    private static boolean inRange(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** A control character (NUL and the like) has no place in any report parameter. */
    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** A parameter's name as a violation's field: control characters replaced, at most 40 characters. */
    private static String printable(String name) {
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    private static void check(String field, String value, Set<String> allowed, Violations violations) {
        if (value != null && !allowed.contains(value)) {
            violations.add(Violation.keyed(field, "one-of", String.join(", ", new java.util.TreeSet<>(allowed))));
        }
    }

    private static String names(Set<Dim> dims) {
        return String.join(", ", dims.stream().map(Dim::key).toList());
    }

    /** Echo at most a little of what was sent. */
    private static String clip(String value) {
        String v = value.trim();
        return v.length() > 20 ? v.substring(0, 20) + "..." : v;
    }

    /** The query's violations (keyed: shown in the caller's language, violation.* in problems*.properties). */
    private static final class Violations {
        private final List<Violation> list = new ArrayList<>();

        /** At most 20: a parameter of thousands of bad items gets an answer of a few lines. */
        void add(Violation violation) {
            if (list.size() < 20) {
                list.add(violation);
            }
        }
    }
}
