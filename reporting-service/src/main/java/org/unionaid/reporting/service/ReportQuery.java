package org.unionaid.reporting.service;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/**
 * A validated report request. {@code from}/{@code to} are inclusive months (null: unbounded);
 * {@code station} limits to that station and all below it; {@code level} rolls stations up to
 * their ancestor at that level (null: each station itself).
 */
public record ReportQuery(List<Dim> groupBy, YearMonth from, YearMonth to, Set<String> projects,
                          String station, String level, String category, String cause, Long enterprise,
                          String status) {
}
