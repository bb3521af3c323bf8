package org.unionaid.reporting.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;
import org.unionaid.reporting.service.Dim;
import org.unionaid.reporting.service.ReportQuery;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutual-aid report's parameters: groupBy (enterprise, year), from, to or since (years: enrolments are by
 * year), enterprise. The other reports' filters are refused (400 naming them), as is any other parameter.
 */
public class MutualAidParams extends ReportParams {

    private static final Set<String> READ = Set.of("groupBy", "from", "to", "since", "enterprise");
    private static final Set<Dim> DIMS = EnumSet.of(Dim.ENTERPRISE, Dim.YEAR);

    ReportQuery toQuery(MultivaluedMap<String, String> parameters) {
        List<Violation> violations = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(parameters.keySet())) {
            if (NAMES.contains(name) && !READ.contains(name)) {
                violations.add(Violation.keyed(name, "filter-unsupported"));
            }
        }
        for (String field : List.of("from", "to")) {
            List<String> values = parameters.get(field);
            if (values != null && values.size() == 1 && !values.get(0).isBlank() && !values.get(0).matches("\\d{4}")) {
                violations.add(Violation.keyed(field, "period-year"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "invalid-request", violations, Map.of());
        }
        return toQuery(parameters, DIMS, List.of(Dim.ENTERPRISE, Dim.YEAR), false);
    }
}
