package org.unionaid.common.problem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionaid.common.paging.Cursors;
import org.unionaid.common.web.Params;
import org.unionaid.testsupport.ProblemCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The violations common's own checks give (paging, query parameters, URLs): each in English and in Chinese. */
class ViolationMessagesTest {

    @Test
    void everyKeyedViolationOfCommonHasItsMessageInBothLanguages() {
        Set<String> keys = ProblemCodes.assertEachKeyedViolationHasMessages(Path.of("src/main/java"), Messages::get);
        assertTrue(keys.containsAll(Set.of("limit-range", "cursor", "one-of", "true-or-false", "range", "whole-number",
                "url-text")), keys.toString());
        // for the services' checks of a missing value
        ProblemCodes.assertEachViolationHasMessages(List.of("required"), Messages::get);
    }

    @Test
    void aLimitOutOfRangeOrACursorNotGivenOut() {
        assertViolation(() -> Cursors.limit("500"), "limit", "limit must be between 1 and 200", "limit 须在 1 至 200 之间");
        assertViolation(() -> Cursors.limit(0), "limit", "limit must be between 1 and 200", "limit 须在 1 至 200 之间");
        assertViolation(() -> Cursors.limit("ten"), "limit", "limit must be between 1 and 200", "limit 须在 1 至 200 之间");
        assertViolation(() -> Cursors.decodeLong("bm90LWEtY3Vyc29y"), "cursor", "cursor is not one this service gave out",
                "cursor 不是本服务给出的游标");
        assertEquals(50, Cursors.limit((String) null));
    }

    @Test
    void aQueryParameterOfTheWrongKindOrOutOfRange() {
        assertViolation(() -> Params.enumValue(TimeUnit.class, "WEEKS", "unit"), "unit",
                "must be one of: NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS",
                "须为以下之一：NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS");
        assertViolation(() -> Params.booleanValue("yes", "active"), "active", "must be true or false", "须为 true 或 false");
        // numbers as they are written, without grouping
        assertViolation(() -> Params.longInRange("2201", "year", 2025, 2000, 2200), "year",
                "must be between 2000 and 2200", "须在 2000 至 2200 之间");
        assertViolation(() -> Params.longValue("12.5", "year"), "year", "must be a whole number", "须为整数");
        assertEquals(2200L, Params.longInRange("2200", "year", 2025, 2000, 2200));
    }

    /** What ProblemCodes reads as a key: the second argument's literals, in code and not in comments. */
    @Test
    void findsTheKeysOfTheCodeAndNotOfItsComments(@TempDir Path sources) throws IOException {
        Files.writeString(sources.resolve("Checks.java"), """
                /** As in {@code Violation.keyed("year", "in-a-comment")}. */
                class Checks {
                    void check(boolean a, String field) {
                        // Violation.keyed("x", "in-a-line-comment")
                        throw ProblemException.invalid(Violation.keyed("year", "range", 2000, 2200));
                    }
                    Violation other(boolean a, String field) {
                        String s = "Violation.keyed(\\"x\\", \\"in-a-string\\")";
                        return Violation.keyed(prefix(field, ", \\")"), a ? "first-key" : "second-key", 'x');
                    }
                    Violation computed(String key) {
                        return Violation.keyed("field", key);
                    }
                }
                """);
        assertEquals(Set.of("range", "first-key", "second-key"), ProblemCodes.keyedIn(sources));
    }

    private static void assertViolation(Runnable check, String field, String english, String chinese) {
        ProblemException e = assertThrows(ProblemException.class, check::run);
        assertEquals(400, e.status());
        assertEquals("invalid-request", e.code());
        Violation v = e.violations().get(0);
        assertEquals(field, v.field());
        assertEquals(english, v.message());
        assertEquals(english, v.in(Locale.ENGLISH).message());
        assertEquals(chinese, v.in(Locale.CHINESE).message());
    }
}
