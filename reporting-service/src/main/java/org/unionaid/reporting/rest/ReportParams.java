package org.unionaid.reporting.rest;

import jakarta.ws.rs.QueryParam;
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
    private static final Pattern STATION = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final String PERIOD_FORMAT = "must be a year (2024), a quarter (2024-Q2) or a month (2024-03)";

    @QueryParam("groupBy")
    String groupBy;
    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("since")
    String since;
    @QueryParam("project")
    String project;
    @QueryParam("station")
    String station;
    @QueryParam("level")
    String level;
    @QueryParam("category")
    String category;
    @QueryParam("cause")
    String cause;
    @QueryParam("enterprise")
    String enterprise;
    @QueryParam("status")
    String status;

    ReportQuery toQuery(Set<Dim> allowed, List<Dim> byDefault, boolean statusAllowed) {
        List<Violation> violations = new ArrayList<>();
        List<Dim> dims = new ArrayList<>(byDefault);
        if (groupBy != null) {
            dims.clear();
            for (String name : groupBy.split(",")) {
                Dim dim = Dim.of(name.trim()).filter(allowed::contains).orElse(null);
                if (dim == null) {
                    violations.add(new Violation("groupBy", "'" + clip(name) + "' is not one of " + names(allowed)));
                } else if (!dims.contains(dim)) {
                    dims.add(dim);
                }
            }
        }
        if (dims.contains(Dim.STATUS) && dims.stream().anyMatch(d -> d == Dim.YEAR || d == Dim.QUARTER || d == Dim.MONTH)) {
            violations.add(new Violation("groupBy", "status (files now) cannot be combined with a period"));
        }
        YearMonth start = null;
        YearMonth end = null;
        if (since != null) {
            if (from != null) {
                violations.add(new Violation("since", "give either since or from"));
            } else if (!since.matches("\\d{4}")) {
                violations.add(new Violation("since", "must be a year (2016)"));
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
            violations.add(new Violation("to", "must not be before from"));
        }
        Set<String> projects = new LinkedHashSet<>();
        if (project != null) {
            for (String code : project.split(",")) {
                if (PROJECTS.contains(code.trim())) {
                    projects.add(code.trim());
                } else {
                    violations.add(new Violation("project", "'" + clip(code) + "' is not a project code"));
                }
            }
        }
        if (station != null && !STATION.matcher(station).matches()) {
            violations.add(new Violation("station", "must be a station code"));
        }
        check("level", level, LEVELS, violations);
        check("category", category, CATEGORIES, violations);
        check("cause", cause, CAUSES, violations);
        if (status != null && !statusAllowed) {
            violations.add(new Violation("status", "is not a filter of this report"));
        } else {
            check("status", status, STATUSES, violations);
        }
        Long enterpriseId = null;
        if (enterprise != null) {
            try {
                enterpriseId = Long.parseLong(enterprise);
            } catch (NumberFormatException e) {
                violations.add(new Violation("enterprise", "must be an enterprise id"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "invalid-request", violations, Map.of());
        }
        return new ReportQuery(List.copyOf(dims), start, end, projects, station, level, category, cause, enterpriseId, status);
    }

    private static YearMonth period(String value, boolean start, String field, List<Violation> violations) {
        Matcher m = PERIOD.matcher(value);
        if (!m.matches()) {
            violations.add(new Violation(field, PERIOD_FORMAT));
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            int firstMonth = (Integer.parseInt(m.group(2)) - 1) * 3 + 1;
            return YearMonth.of(year, start ? firstMonth : firstMonth + 2);
        }
        if (m.group(3) != null) {
            return YearMonth.of(year, Integer.parseInt(m.group(3)));
        }
        return YearMonth.of(year, start ? 1 : 12);
    }

    private static void check(String field, String value, Set<String> allowed, List<Violation> violations) {
        if (value != null && !allowed.contains(value)) {
            violations.add(new Violation(field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
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
}
