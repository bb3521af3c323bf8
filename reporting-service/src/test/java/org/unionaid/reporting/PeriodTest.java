package org.unionaid.reporting;

import org.junit.jupiter.api.Test;
import org.unionaid.reporting.service.Period;

import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PeriodTest {

    @Test
    void aRangeIsCoveredByWholeYearsThenQuartersThenMonths() {
        List<String> tiles = Period.tiling(YearMonth.of(2023, 2), YearMonth.of(2025, 5), Period.YEAR).stream()
                .map(p -> p.grain() + "" + p.key()).toList();
        assertEquals(List.of("M202302", "M202303", "Q20232", "Q20233", "Q20234", "Y2024", "Q20251", "M202504", "M202505"), tiles);
    }

    @Test
    void groupingByMonthReadsOnlyMonths() {
        List<Period> tiles = Period.tiling(YearMonth.of(2024, 1), YearMonth.of(2024, 12), Period.MONTH);
        assertEquals(12, tiles.size());
        assertEquals(List.of('M'), tiles.stream().map(Period::grain).distinct().toList());
    }
}
