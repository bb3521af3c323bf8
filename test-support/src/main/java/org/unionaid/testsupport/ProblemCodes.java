package org.unionaid.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The problem codes a service's code throws by name: {@code new ProblemException(503, "code", ...)}. */
public final class ProblemCodes {

    private static final Pattern THROWN = Pattern.compile("ProblemException\\(\\s*\\d{3},\\s*\"([a-z0-9-]+)\"");

    private ProblemCodes() {
    }

    /** Every code named as a literal in the Java sources under {@code sources} (e.g. src/main/java). */
    public static Set<String> thrownIn(Path sources) {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = THROWN.matcher(Files.readString(file));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    /**
     * Every code thrown under {@code sources} has a title and a detail in English and in Chinese (with Chinese
     * characters in it, so not English fallen back to) as {@code messages} (locale, key) finds them.
     */
    public static void assertEachHasMessages(Path sources, BiFunction<Locale, String, String> messages,
                                             String... expected) {
        Set<String> codes = thrownIn(sources);
        assertTrue(codes.containsAll(Set.of(expected)), codes.toString());
        for (String code : codes) {
            for (String part : new String[] {".title", ".detail"}) {
                assertNotNull(messages.apply(Locale.ENGLISH, code + part), code + part);
                String chinese = messages.apply(Locale.CHINESE, code + part);
                assertTrue(chinese != null && chinese.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
                        code + part + ": " + chinese);
            }
        }
    }
}
