package org.unionaid.disbursement;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.Violation;
import org.unionaid.testsupport.ProblemCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem this service throws by name has a title and a detail in English and in Chinese. */
class ProblemMessagesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path SERVICE = SOURCES.resolve("org/unionaid/disbursement/service");

    @Test
    void everyThrownProblemHasItsMessagesInBothLanguages() {
        ProblemCodes.assertEachHasMessages(SOURCES, Messages::get, "document-store-unavailable");
    }

    /** Every Violation.keyed key the code uses has its message in both languages. */
    @Test
    void everyKeyedViolationHasItsMessageInBothLanguages() throws IOException {
        Set<String> keys = ProblemCodes.assertEachKeyedViolationHasMessages(SOURCES, Messages::get);
        assertTrue(keys.containsAll(Set.of("id-number", "required-unless-enrolment", "required-by-project", "budget-year",
                "range", "required", "one-of", "rejection-reason", "approval-amount", "idempotency-key")), keys.toString());
        assertTrue(keys.size() >= 35, "found the keyed violations: " + keys);

        // the details' field-by-field problems (DetailsShape.problemOf names the key it returns)
        Set<String> shapes = new TreeSet<>();
        Matcher shape = Pattern.compile("(?:yield|return|\\?|:) \"([a-z][a-z-]+)\"")
                .matcher(Files.readString(SERVICE.resolve("DetailsShape.java")));
        while (shape.find()) {
            shapes.add(shape.group(1));
        }
        assertTrue(shapes.size() >= 8, shapes.toString());
        ProblemCodes.assertEachViolationHasMessages(shapes, Messages::get);

        Violation v = Violation.keyed("details.medicalBills", "evidence-required", "SERIOUS_ILLNESS");
        assertEquals("evidence required by project SERIOUS_ILLNESS", v.message());
        assertEquals("项目 SERIOUS_ILLNESS 要求提供此项证明材料", v.in(Locale.CHINESE).message());
        assertEquals(v, v.in(Locale.ENGLISH));
    }

    /**
     * A line of an enrolment or bank result file is refused with the problem's code as the violation's key
     * (CsvText.problem): each code has its title, its detail and its violation in both languages.
     */
    @Test
    void everyProblemOfAFileLineHasItsMessagesInBothLanguages() throws IOException {
        Pattern named = Pattern.compile("(?:problem\\(\\s*(?:\\d{3},\\s*)?|CsvText\\.decode\\([^;]*?)\"([a-z0-9-]+)\"");
        Set<String> codes = new TreeSet<>();
        for (String file : new String[] {"EnrolmentFile.java", "BankResultFile.java", "BankResultImport.java"}) {
            Matcher m = named.matcher(Files.readString(SERVICE.resolve(file)));
            while (m.find()) {
                codes.add(m.group(1));
            }
        }
        assertEquals(14, codes.size(), codes.toString());
        ProblemCodes.assertEachViolationHasMessages(codes, Messages::get);
        for (String code : codes) {
            for (String part : new String[] {".title", ".detail"}) {
                assertTrue(Messages.get(Locale.ENGLISH, code + part) != null, code + part);
                assertTrue(Messages.get(Locale.CHINESE, code + part).chars().anyMatch(c -> c >= 0x4e00), code + part);
            }
        }
        Violation line = Violation.keyed("line 4", "result-line-duplicate", 4, 2);
        assertEquals("repeats the reference of line 2", line.message());
        assertEquals("与第 2 行参考号重复", line.in(Locale.CHINESE).message());
    }

    /** Every message template of the request checks ({@code message = "{key}"}) is in ValidationMessages in both languages. */
    @Test
    void everyValidationMessageOfTheServiceIsInBothLanguages() throws IOException {
        Pattern template = Pattern.compile("(?:message = |_MESSAGE = )\"\\{([A-Za-z.]+)}\"");
        Set<String> keys = new TreeSet<>();
        try (var files = Files.walk(SOURCES.resolve("org/unionaid/disbursement/rest"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = template.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertEquals(Set.of("text.noNul", "bankAccount.accountNumber"), keys);
        var noFallback = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle english = ResourceBundle.getBundle("ValidationMessages", Locale.ROOT, noFallback);
        ResourceBundle chinese = ResourceBundle.getBundle("ValidationMessages", Locale.CHINESE, noFallback);
        for (String key : keys) {
            assertTrue(english.getString(key).chars().noneMatch(c -> c >= 0x4e00), key);
            assertTrue(chinese.getString(key).chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff), key);
        }
    }
}
