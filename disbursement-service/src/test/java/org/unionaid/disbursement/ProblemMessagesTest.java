package org.unionaid.disbursement;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Violation;
import org.unionaid.testsupport.ProblemCodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every problem this service throws by name has a title and a detail in English and in Chinese. */
class ProblemMessagesTest {

    @Test
    void everyThrownProblemHasItsMessagesInBothLanguages() {
        ProblemCodes.assertEachHasMessages(Path.of("src/main/java"), Messages::get, "document-store-unavailable");
    }

    /** Every Violation.keyed key the code uses has its message in both languages, and the two differ. */
    @Test
    void everyKeyedViolationHasItsMessageInBothLanguages() throws IOException {
        Pattern keyed = Pattern.compile("Violation\\.keyed\\(\\s*[^,]+,\\s*(?:[^\",]*\\?\\s*)?\"([a-z0-9-]+)\"");
        int keys = 0;
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = keyed.matcher(Files.readString(file));
                while (m.find()) {
                    String key = "violation." + m.group(1);
                    String english = Messages.get(Locale.ENGLISH, key, "A", "B");
                    String chinese = Messages.get(Locale.CHINESE, key, "A", "B");
                    assertNotNull(english, key + " in problems.properties (" + file + ")");
                    assertNotNull(chinese, key + " in problems_zh.properties (" + file + ")");
                    assertNotEquals(english, chinese, key + " translated");
                    keys++;
                }
            }
        }
        // the details' field-by-field problems (DetailsShape.problemOf names the key it returns)
        Matcher shape = Pattern.compile("(?:yield|return|\\?|:) \"([a-z][a-z-]+)\"")
                .matcher(Files.readString(Path.of("src/main/java/org/unionaid/disbursement/service/DetailsShape.java")));
        while (shape.find()) {
            String key = "violation." + shape.group(1);
            assertNotNull(Messages.get(Locale.ENGLISH, key, 500, 50, 20), key + " in problems.properties");
            assertNotEquals(Messages.get(Locale.ENGLISH, key, 500, 50, 20), Messages.get(Locale.CHINESE, key, 500, 50, 20), key);
            keys++;
        }
        assertFalse(keys < 25, "found the keyed violations: " + keys);
        Properties zh = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/problems_zh.properties")) {
            zh.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        Violation v = Violation.keyed("details.medicalBills", "evidence-required", "SERIOUS_ILLNESS");
        assertEquals("evidence required by project SERIOUS_ILLNESS", v.message());
        assertEquals("项目 SERIOUS_ILLNESS 要求提供此项证明材料", v.in(Locale.CHINESE).message());
        assertEquals(v, v.in(Locale.ENGLISH));
        assertNotNull(zh.getProperty("violation.evidence-required"));
    }
}
