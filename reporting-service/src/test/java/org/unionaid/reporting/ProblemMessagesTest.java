package org.unionaid.reporting;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Violation;
import org.unionaid.testsupport.ProblemCodes;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem this service throws by name, and every keyed violation, has its messages in English and Chinese. */
class ProblemMessagesTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyThrownProblemHasItsMessagesInBothLanguages() {
        ProblemCodes.assertEachHasMessages(SOURCES, Messages::get);
    }

    @Test
    void everyKeyedViolationHasItsMessageInBothLanguages() {
        Set<String> keys = ProblemCodes.assertEachKeyedViolationHasMessages(SOURCES, Messages::get);
        assertTrue(keys.containsAll(Set.of("period-format", "period-range", "period-year", "group-by-unknown",
                "parameter-unknown", "filter-unsupported", "one-of", "to-before-from")), keys.toString());
        assertEquals(17, keys.size(), "the report parameters' and periods' keys: " + keys);

        Violation range = Violation.keyed("from", "period-range", "1950", "2100");
        assertEquals("must name a year from 1950 to 2100", range.message());
        assertEquals("年份必须在 1950 到 2100 之间", range.in(Locale.CHINESE).message());
        assertEquals(range, range.in(Locale.ENGLISH));
    }
}
