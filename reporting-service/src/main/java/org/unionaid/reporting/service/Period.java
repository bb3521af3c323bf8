package org.unionaid.reporting.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A year (Y), quarter (Q) or month (M), the grains figures are kept at. {@code key} is 2024,
 * 20242 or 202404; {@code quarter} and {@code month} are 0 where the grain is coarser.
 */
public record Period(char grain, int key, int year, int quarter, int month) {

    public static final char YEAR = 'Y';
    public static final char QUARTER = 'Q';
    public static final char MONTH = 'M';

    /** The year, quarter and month a day falls in: every fact is counted once at each grain. */
    public static List<Period> of(LocalDate day) {
        int y = day.getYear();
        int m = day.getMonthValue();
        int q = (m - 1) / 3 + 1;
        return List.of(new Period(YEAR, y, y, 0, 0),
                new Period(QUARTER, y * 10 + q, y, q, 0),
                new Period(MONTH, y * 100 + m, y, q, m));
    }

    /**
     * The fewest periods that exactly cover the months from..to, none coarser than {@code coarsest}:
     * whole years where the range holds them, then whole quarters, then months. A range of N
     * years is at most N + 6 periods (up to 3 quarters and 2 months at either end).
     */
    public static List<Period> tiling(YearMonth from, YearMonth to, char coarsest) {
        List<Period> tiles = new ArrayList<>();
        YearMonth m = from;
        while (!m.isAfter(to)) {
            int y = m.getYear();
            int month = m.getMonthValue();
            int q = (month - 1) / 3 + 1;
            if (coarsest == YEAR && month == 1 && !m.plusMonths(11).isAfter(to)) {
                tiles.add(new Period(YEAR, y, y, 0, 0));
                m = m.plusYears(1);
            } else if (coarsest != MONTH && (month - 1) % 3 == 0 && !m.plusMonths(2).isAfter(to)) {
                tiles.add(new Period(QUARTER, y * 10 + q, y, q, 0));
                m = m.plusMonths(3);
            } else {
                tiles.add(new Period(MONTH, y * 100 + month, y, q, month));
                m = m.plusMonths(1);
            }
        }
        return tiles;
    }
}
