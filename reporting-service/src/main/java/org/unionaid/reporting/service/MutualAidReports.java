package org.unionaid.reporting.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Medical mutual aid by enterprise and year (issue 18): members enrolled and premiums by payer from
 * {@code enrolment} (the enrolment year), claims from the household aid figures of MEDICAL_MUTUAL_AID (the year
 * paid; PAID payouts, a reversal takes its payout out; persons distinct members, or files for claims made on a
 * hardship file), so the claims equal what the aid report says of the project, suppressed as it suppresses them.
 * Union-paid premiums of enterprises the registry lists as CLOSED are a figure of their own, per item, per year and
 * in total. Enrolment figures are not suppressed: being enrolled is no hardship.
 */
final class MutualAidReports {

    static final String PROJECT = "MEDICAL_MUTUAL_AID";
    private static final int FIRST_YEAR = 1950;
    private static final int LAST_YEAR = 2200;
    /** The enrolment years of a query, bound by {@link #years}. */
    private static final String WHERE = "e.year BETWEEN ? AND ?";

    private final HouseholdReports households;

    MutualAidReports(HouseholdReports households) {
        this.households = households;
    }

    Figures.MutualAid report(Connection db, ReportQuery q) throws SQLException {
        List<Dim> groupBy = q.groupBy();
        int firstYear = q.from() == null ? FIRST_YEAR : q.from().getYear();
        int lastYear = q.to() == null ? LAST_YEAR : q.to().getYear();
        Map<List<Object>, Figures.Enrolled> enrolled = enrolled(db, groupBy, firstYear, lastYear, q.enterprise());
        Figures.Aid claims = households.aid(db, new ReportQuery(groupBy, q.from(), q.to(), Set.of(PROJECT), null, null,
                null, null, q.enterprise(), null));
        Map<List<Object>, Map<String, Object>> claimsByKey = new HashMap<>();
        for (Map<String, Object> item : claims.items()) {
            claimsByKey.put(key(groupBy, item), item);
        }
        Set<List<Object>> keys = new HashSet<>(enrolled.keySet());
        keys.addAll(claimsByKey.keySet());
        List<List<Object>> order = new ArrayList<>(keys);
        order.sort(Labels.KEYS);
        Set<Long> closed = closedEnterprises(db);
        List<Figures.MutualAidItem> items = new ArrayList<>(order.size());
        for (List<Object> key : order) {
            Map<String, Object> claim = claimsByKey.get(key);
            Long enterprise = groupBy.contains(Dim.ENTERPRISE) ? (Long) key.get(groupBy.indexOf(Dim.ENTERPRISE)) : null;
            items.add(new Figures.MutualAidItem(labels(groupBy, key),
                    enterprise == null ? null : closed.contains(enterprise),
                    enrolled.getOrDefault(key, Figures.Enrolled.NONE),
                    claim == null ? Figures.Claims.NONE : claims(claim)));
        }
        Figures.Enrolled total = enrolled(db, List.of(), firstYear, lastYear, q.enterprise())
                .getOrDefault(List.of(), Figures.Enrolled.NONE);
        Figures.Totals t = claims.totals();
        Figures.Claims claimTotals = t == null ? Figures.Claims.SUPPRESSED
                : new Figures.Claims(t.personTimes(), t.persons(), t.amount(), false);
        return new Figures.MutualAid(items, total, claimTotals, closedUnionPremiums(db, firstYear, lastYear, q.enterprise()));
    }

    /** Members and premiums by payer per group, and the union-paid premiums of the group's CLOSED enterprises. */
    private static Map<List<Object>, Figures.Enrolled> enrolled(Connection db, List<Dim> groupBy, int firstYear,
                                                                int lastYear, Long enterprise) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Dim d : groupBy) {
            columns.add(d == Dim.ENTERPRISE ? "e.enterprise_id" : "e.year");
        }
        String select = columns.isEmpty() ? "" : String.join(", ", columns) + ", ";
        String sql = "SELECT " + select + "COUNT(*),"
                + " COALESCE(SUM(e.premium) FILTER (WHERE e.paid_by = 'MEMBER'), 0),"
                + " COALESCE(SUM(e.premium) FILTER (WHERE e.paid_by = 'ENTERPRISE'), 0),"
                + " COALESCE(SUM(e.premium) FILTER (WHERE e.paid_by = 'UNION'), 0),"
                + " COALESCE(SUM(e.premium) FILTER (WHERE e.paid_by = 'UNION' AND c.enterprise_id IS NOT NULL), 0)"
                + " FROM enrolment e LEFT JOIN enterprise_closed c ON c.enterprise_id = e.enterprise_id"
                + " WHERE " + WHERE + (enterprise == null ? "" : " AND e.enterprise_id = ?")
                + (columns.isEmpty() ? "" : " GROUP BY " + String.join(", ", columns));
        Map<List<Object>, Figures.Enrolled> out = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            years(query, firstYear, lastYear, enterprise);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    List<Object> key = new ArrayList<>();
                    for (int i = 0; i < groupBy.size(); i++) {
                        key.add(groupBy.get(i) == Dim.ENTERPRISE ? (Object) row.getLong(i + 1) : (Object) row.getInt(i + 1));
                    }
                    int n = groupBy.size();
                    long members = row.getLong(n + 1);
                    if (members == 0) {
                        continue; // no enrolment: no row (the ungrouped total of nothing)
                    }
                    out.put(key, new Figures.Enrolled(members, Labels.money(row.getBigDecimal(n + 2)),
                            Labels.money(row.getBigDecimal(n + 3)), Labels.money(row.getBigDecimal(n + 4)),
                            Labels.money(row.getBigDecimal(n + 5))));
                }
            }
        }
        return out;
    }

    /** Union-paid premiums of the enterprises now CLOSED, per enrolment year (oldest first). */
    private static Map<Integer, BigDecimal> closedUnionPremiums(Connection db, int firstYear, int lastYear, Long enterprise)
            throws SQLException {
        Map<Integer, BigDecimal> years = new TreeMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT e.year, SUM(e.premium) FROM enrolment e"
                + " JOIN enterprise_closed c ON c.enterprise_id = e.enterprise_id"
                + " WHERE e.paid_by = 'UNION' AND " + WHERE + (enterprise == null ? "" : " AND e.enterprise_id = ?")
                + " GROUP BY e.year")) {
            years(query, firstYear, lastYear, enterprise);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    years.put(row.getInt(1), Labels.money(row.getBigDecimal(2)));
                }
            }
        }
        return years;
    }

    /** Binds the years (and the enterprise, if any) of an enrolment query's WHERE. */
    private static void years(PreparedStatement query, int firstYear, int lastYear, Long enterprise) throws SQLException {
        query.setInt(1, firstYear);
        query.setInt(2, lastYear);
        if (enterprise != null) {
            query.setLong(3, enterprise);
        }
    }

    private static Set<Long> closedEnterprises(Connection db) throws SQLException {
        Set<Long> closed = new HashSet<>();
        try (PreparedStatement query = db.prepareStatement("SELECT enterprise_id FROM enterprise_closed");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                closed.add(row.getLong(1));
            }
        }
        return closed;
    }

    /** An aid item's group as the enrolment groups are keyed: enterprise id (0 for none), year. */
    private static List<Object> key(List<Dim> groupBy, Map<String, Object> item) {
        List<Object> key = new ArrayList<>();
        for (Dim d : groupBy) {
            Object v = item.get(d.key());
            key.add(d == Dim.ENTERPRISE ? (Object) (v == null ? 0L : ((Number) v).longValue()) : (Object) ((Number) v).intValue());
        }
        return key;
    }

    private static Map<String, Object> labels(List<Dim> groupBy, List<Object> key) {
        Map<String, Object> labels = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            Object v = key.get(i);
            labels.put(groupBy.get(i).key(), groupBy.get(i) == Dim.ENTERPRISE && ((Long) v) == 0L ? null : v);
        }
        return labels;
    }

    private static Figures.Claims claims(Map<String, Object> item) {
        if (Boolean.TRUE.equals(item.get("suppressed"))) {
            return Figures.Claims.SUPPRESSED;
        }
        return new Figures.Claims((Long) item.get("personTimes"), (Long) item.get("persons"),
                new BigDecimal((String) item.get("amount")), false);
    }
}
