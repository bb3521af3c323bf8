package org.unionaid.registry;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Violation;
import org.unionaid.testsupport.ProblemCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem this service throws by name has a title and a detail in English and in Chinese. */
class ProblemMessagesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    /** A violation whose message is a fixed text, shown in English whatever the caller's language. */
    private static final Pattern ENGLISH_ONLY = Pattern.compile("ProblemException\\.invalid\\(\\s*\"|new Violation\\(");

    @Test
    void everyThrownProblemHasItsMessagesInBothLanguages() {
        ProblemCodes.assertEachHasMessages(SOURCES, Messages::get, "document-store-unavailable");
    }

    /** Every Violation.keyed key the code uses has its message in both languages; none is a fixed English text. */
    @Test
    void everyKeyedViolationHasItsMessageInBothLanguages() throws IOException {
        Set<String> keys = ProblemCodes.assertEachKeyedViolationHasMessages(SOURCES, Messages::get);
        assertTrue(keys.containsAll(Set.of("station-parent-required", "city-station-parent", "status-since-required",
                "exit-reason-required", "reject-reason-required", "cancel-reason-required", "review-reject-reason",
                "review-keep-reason", "notice-end", "import-item-fields")), keys.toString());
        assertTrue(keys.size() >= 26, "found the keyed violations: " + keys);
        for (String key : keys) {
            String english = Messages.get(Locale.ENGLISH, "violation." + key);
            assertNotEquals(english, Messages.get(Locale.CHINESE, "violation." + key), key + " translated");
        }
        List<String> englishOnly = new ArrayList<>();
        try (var files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (ENGLISH_ONLY.matcher(Files.readString(file)).find()) {
                    englishOnly.add(file.toString());
                }
            }
        }
        assertEquals(List.of(), englishOnly, "violations with a fixed English message instead of Violation.keyed");
    }

    @Test
    void fillsTheValuesTheCodeGivesInEitherLanguage() {
        Violation end = Violation.keyed("noticeEnd", "notice-end", 5, LocalDate.of(2026, 12, 9));
        assertEquals("a public notice ends 5 days after it starts (2026-12-09); leave noticeEnd out", end.message());
        assertEquals("公示在开始后 5 天结束（2026-12-09）：请不要填写 noticeEnd", end.in(Locale.CHINESE).message());
        assertEquals(end, end.in(Locale.ENGLISH));
        Violation level = Violation.keyed("level", "station-level-below-parent", "DISTRICT");
        assertEquals("must be below the parent's level DISTRICT", level.message());
        assertEquals("必须低于上级站点的级别 DISTRICT", level.in(Locale.CHINESE).message());
        // a message without values is shown as written (its apostrophe kept)
        assertEquals("changes nothing: every value given is the file's already",
                Violation.keyed("changes", "changes-nothing").message());
    }
}
