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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem this service throws by name has a title and a detail in English and in Chinese. */
class ProblemMessagesTest {

    private static final Pattern KEYED = Pattern.compile("Violation\\.keyed\\(\\s*[^,]+,\\s*(?:[^\",]*\\?\\s*)?\"([a-z0-9-]+)\"");
    /** A violation whose message is a fixed text, shown in English whatever the caller's language. */
    private static final Pattern ENGLISH_ONLY = Pattern.compile("ProblemException\\.invalid\\(\\s*\"|new Violation\\(");

    @Test
    void everyThrownProblemHasItsMessagesInBothLanguages() {
        ProblemCodes.assertEachHasMessages(Path.of("src/main/java"), Messages::get, "document-store-unavailable");
    }

    /** Every Violation.keyed key the code uses has its message in both languages, and the two differ. */
    @Test
    void everyKeyedViolationHasItsMessageInBothLanguages() throws IOException {
        int keys = 0;
        List<String> englishOnly = new ArrayList<>();
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = KEYED.matcher(source);
                while (m.find()) {
                    String key = "violation." + m.group(1);
                    String english = Messages.get(Locale.ENGLISH, key, "A", "B");
                    String chinese = Messages.get(Locale.CHINESE, key, "A", "B");
                    assertNotNull(english, key + " in problems.properties (" + file + ")");
                    assertNotNull(chinese, key + " in problems_zh.properties (" + file + ")");
                    assertNotEquals(english, chinese, key + " translated");
                    assertTrue(chinese.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff), key + " in Chinese: " + chinese);
                    keys++;
                }
                if (ENGLISH_ONLY.matcher(source).find()) {
                    englishOnly.add(file.toString());
                }
            }
        }
        assertTrue(keys >= 27, "found the keyed violations: " + keys);
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
