package org.unionaid.reporting.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.ReportQuery;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    ReportQuery toQuery(HttpHeaders headers, Set<Dim> allowed, List<Dim> byDefault, boolean statusAllowed) {
        Violations violations = new Violations(Messages.localeOf(headers));
        List<Dim> dims = new ArrayList<>(byDefault);
        if (groupBy != null) {
            dims.clear();
            for (String name : groupBy.split(",")) {
                Dim dim = Dim.of(name.trim()).filter(allowed::contains).orElse(null);
                if (dim == null) {
                    violations.add("groupBy", "report.groupBy.unknown", clip(name), names(allowed));
                } else if (!dims.contains(dim)) {
                    dims.add(dim);
                }
            }
        }
        if (dims.contains(Dim.STATUS) && dims.stream().anyMatch(d -> d == Dim.YEAR || d == Dim.QUARTER || d == Dim.MONTH)) {
            violations.add("groupBy", "report.groupBy.status-period");
        }
        YearMonth start = null;
        YearMonth end = null;
        if (since != null) {
            if (from != null) {
                violations.add("since", "report.since.with-from");
            } else if (!since.matches("\\d{4}")) {
                violations.add("since", "report.since.format");
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
            violations.add("to", "report.to.before-from");
        }
        Set<String> projects = new LinkedHashSet<>();
        if (project != null) {
            for (String code : project.split(",")) {
                if (PROJECTS.contains(code.trim())) {
                    projects.add(code.trim());
                } else {
                    violations.add("project", "report.project.unknown", clip(code));
                }
            }
        }
        if (station != null && !STATION.matcher(station).matches()) {
            violations.add("station", "report.station.format");
        }
        check("level", level, LEVELS, violations);
        check("category", category, CATEGORIES, violations);
        check("cause", cause, CAUSES, violations);
        if (status != null && !statusAllowed) {
            violations.add("status", "report.filter.unsupported");
        } else {
            check("status", status, STATUSES, violations);
        }
        Long enterpriseId = null;
        if (enterprise != null) {
            try {
                enterpriseId = Long.parseLong(enterprise);
            } catch (NumberFormatException e) {
                violations.add("enterprise", "report.enterprise.format");
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
            violations.add(field, "report.period.format");
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

    private static void check(String field, String value, Set<String> allowed, Violations violations) {
        if (value != null && !allowed.contains(value)) {
            violations.add(field, "report.enum", String.join(", ", new java.util.TreeSet<>(allowed)));
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

    /** Violations with messages in the caller's language (keys in problems*.properties). */
    private static final class Violations {
        private final Locale locale;
        private final List<Violation> list = new ArrayList<>();

        Violations(Locale locale) {
            this.locale = locale;
        }

        void add(String field, String key, Object... args) {
            list.add(new Violation(field, Messages.get(locale, key, args)));
        }
    }
}
