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

    /** Thrown by a subclass (RebuildJob.Running), which the scan of thrown codes does not see. */
    @Test
    void theRebuildsProblemHasItsMessagesInBothLanguages() {
        assertEquals("The report figures are being rebuilt from the stored payouts and files (job 3, 12 batches done);"
                + " ask again when it has finished.", Messages.get(Locale.ENGLISH, "rebuild-running.detail", 3L, 12));
        assertEquals("报表数据正在依据已保存的发放记录和档案重建（任务 3，已完成 12 批）；请在重建完成后再查询。",
                Messages.get(Locale.CHINESE, "rebuild-running.detail", 3L, 12));
        assertEquals("统计数据正在重建", Messages.get(Locale.CHINESE, "rebuild-running.title"));
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
