package org.unionaid.reporting.period;

import org.unionaid.common.problem.ProblemException;
import org.unionaid.common.problem.Violation;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period that can be closed: a year {@code 2026}, a quarter {@code 2026-Q1} or a month {@code 2026-03},
 * its first and last month, and the schema its frozen figures are kept in ({@code closed_2026},
 * {@code closed_2026_q1}, {@code closed_2026_03}: made from the validated key only).
 */
public record ReportPeriod(String key, char grain, YearMonth first, YearMonth last) {

    static final int FIRST_YEAR = 1950;
    static final int LAST_YEAR = 2100;
    private static final Pattern KEY = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");

    /** The period a path names; 400 naming {@code period} for anything else (2026-13, 2026-Q5, 99999, NUL). */
    public static ReportPeriod parse(String value) {
        Matcher m = value == null ? null : KEY.matcher(value);
        if (m == null || !m.matches()) {
            throw ProblemException.invalid(Violation.keyed("period", "period-format"));
        }
        int year = Integer.parseInt(m.group(1));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw ProblemException.invalid(Violation.keyed("period", "period-range",
                    String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR)));
        }
        if (m.group(2) != null) {
            YearMonth first = YearMonth.of(year, (Integer.parseInt(m.group(2)) - 1) * 3 + 1);
            return new ReportPeriod(value, 'Q', first, first.plusMonths(2));
        }
        if (m.group(3) != null) {
            YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(3)));
            return new ReportPeriod(value, 'M', month, month);
        }
        return new ReportPeriod(value, 'Y', YearMonth.of(year, 1), YearMonth.of(year, 12));
    }

    public String schema() {
        return "closed_" + key.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && !month.isAfter(last);
    }

    public boolean overlaps(ReportPeriod other) {
        return !other.last.isBefore(first) && !other.first.isAfter(last);
    }

    /** The stored periods (aid_cell's period column) of each grain that lie wholly inside this one. */
    List<Integer> periods(char atGrain) {
        List<Integer> out = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            int q = (m.getMonthValue() - 1) / 3 + 1;
            switch (atGrain) {
                case 'M' -> out.add(m.getYear() * 100 + m.getMonthValue());
                case 'Q' -> {
                    if (grain != 'M' && (m.getMonthValue() - 1) % 3 == 0) {
                        out.add(m.getYear() * 10 + q);
                    }
                }
                default -> {
                    if (grain == 'Y' && m.getMonthValue() == 1) {
                        out.add(m.getYear());
                    }
                }
            }
        }
        return out;
    }
}
