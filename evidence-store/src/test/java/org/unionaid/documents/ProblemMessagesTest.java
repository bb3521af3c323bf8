package org.unionaid.documents;

import org.junit.jupiter.api.Test;
import org.unionaid.common.problem.Messages;
import org.unionaid.common.problem.ProblemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal of a document has its title and detail in English and Chinese, and none shows the document. */
class ProblemMessagesTest {

    private static final String BUNDLE = "org.unionaid.documents.problems";

    private static List<ProblemException> everyRefusal() {
        byte[] secret = Samples.SECRET_TEXT.getBytes(StandardCharsets.UTF_8);
        List<Supplier<Object>> refusals = List.of(
                () -> DocumentKind.fromHeader(Samples.SECRET_TEXT),
                () -> DocumentChecks.check("application/pdf", new byte[0]),
                () -> DocumentChecks.check("application/pdf", new byte[DocumentChecks.MAX_BYTES + 1]),
                () -> DocumentChecks.check("text/plain", secret),
                () -> DocumentChecks.check("application/pdf", secret),
                () -> DocumentChecks.check("image/png", Samples.pdf()),
                () -> DocumentChecks.check("application/pdf", Samples.cut(Samples.pdf(), 2)));
        List<ProblemException> problems = new ArrayList<>();
        for (Supplier<Object> refusal : refusals) {
            try {
                refusal.get();
            } catch (ProblemException e) {
                problems.add(e);
            }
        }
        assertTrue(problems.size() == refusals.size(), "every case is refused");
        return problems;
    }

    @Test
    void hasEveryProblemInEnglishAndChinese() {
        for (ProblemException e : everyRefusal()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.CHINESE)) {
                ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
                String title = bundle.getString(e.code() + ".title");
                String detail = new MessageFormat(bundle.getString(e.code() + ".detail"), locale).format(plain(e.args()));
                assertFalse(detail.contains("{"), e.code() + " fills all its arguments: " + detail);
                if (locale == Locale.CHINESE) {
                    assertTrue(title.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff), title);
                    assertTrue(detail.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff), detail);
                }
                assertFalse(detail.contains("110101199003070002") || detail.contains("Wang Fang"),
                        e.code() + " repeats the document: " + detail);
            }
        }
    }

    @Test
    void namesTheHeaderAndTheTypesInTheDetail() {
        ResourceBundle en = ResourceBundle.getBundle(BUNDLE, Locale.ROOT);
        List<ProblemException> problems = everyRefusal();
        String kind = new MessageFormat(en.getString("document-kind-invalid.detail")).format(problems.get(0).args());
        assertTrue(kind.contains("X-Document-Kind") && kind.contains("MEDICAL_BILL"), kind);
        String mismatch = new MessageFormat(en.getString("document-type-mismatch.detail")).format(problems.get(5).args());
        assertTrue(mismatch.contains("image/png") && mismatch.contains("application/pdf"), mismatch);
        String large = new MessageFormat(en.getString("document-too-large.detail")).format(plain(problems.get(2).args()));
        assertTrue(large.contains("10 MiB (10485760 bytes)"), large);
        String truncated = new MessageFormat(en.getString("document-truncated.detail")).format(problems.get(6).args());
        assertTrue(truncated.contains("%%EOF"), truncated);
        assertNotEquals(en.getString("document-type-mismatch.detail"), en.getString("document-type-unrecognised.detail"));
    }

    /**
     * The store refuses a document by a problem of its own (title and detail above), never by a violation with a fixed
     * English message; a violation it gives is Violation.keyed, with its message in both languages here.
     */
    @Test
    void givesNoViolationInEnglishOnly() throws IOException {
        Pattern keyed = Pattern.compile("Violation\\.keyed\\(\\s*[^,]+,\\s*(?:[^\",]*\\?\\s*)?\"([a-z0-9-]+)\"");
        Pattern englishOnly = Pattern.compile("ProblemException\\.invalid\\(\\s*\"|new Violation\\(");
        List<String> fixed = new ArrayList<>();
        int sources = 0;
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = keyed.matcher(source);
                while (m.find()) {
                    String key = "violation." + m.group(1);
                    String english = Messages.get(Locale.ENGLISH, key, "A", "B");
                    assertNotNull(english, key + " in problems.properties (" + file + ")");
                    assertNotEquals(english, Messages.get(Locale.CHINESE, key, "A", "B"), key + " translated");
                }
                if (englishOnly.matcher(source).find()) {
                    fixed.add(file.toString());
                }
                sources++;
            }
        }
        assertTrue(sources >= 10, "read the store's sources: " + sources);
        assertEquals(List.of(), fixed, "violations with a fixed English message instead of Violation.keyed");
    }

    /** As common's Messages gives numbers: without grouping. */
    private static Object[] plain(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof Number n ? n.toString() : args[i];
        }
        return out;
    }
}
