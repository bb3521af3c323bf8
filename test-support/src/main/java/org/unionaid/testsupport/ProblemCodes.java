package org.unionaid.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The problem codes a service's code throws by name ({@code new ProblemException(503, "code", ...)}) and the keys of
 * its violations ({@code Violation.keyed(field, "key", ...)}), each with its messages in English and Chinese.
 */
public final class ProblemCodes {

    private static final Pattern THROWN = Pattern.compile("ProblemException\\(\\s*\\d{3},\\s*\"([a-z0-9-]+)\"");
    private static final String KEYED = "Violation.keyed(";
    private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9-]+)\"");

    private ProblemCodes() {
    }

    /** Every code named as a literal in the Java sources under {@code sources} (e.g. src/main/java). */
    public static Set<String> thrownIn(Path sources) {
        Set<String> codes = new TreeSet<>();
        for (Path file : javaFiles(sources)) {
            Matcher m = THROWN.matcher(read(file));
            while (m.find()) {
                codes.add(m.group(1));
            }
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

    /**
     * The keys named as literals in the second argument of every {@code Violation.keyed(field, key, ...)} under
     * {@code sources}, as in {@code ProblemException.invalid(Violation.keyed("year", "range", 2000, 2200))}: both
     * keys of a {@code cond ? "a" : "b"}; none for a key held in a variable (check those by name).
     */
    public static Set<String> keyedIn(Path sources) {
        Set<String> keys = new TreeSet<>();
        for (Path file : javaFiles(sources)) {
            String source = read(file);
            String code = blanked(source, true);
            String calls = blanked(source, false);
            for (int at = calls.indexOf(KEYED); at >= 0; at = calls.indexOf(KEYED, at + 1)) {
                List<String> arguments = arguments(code, at + KEYED.length());
                if (arguments.size() > 1) {
                    Matcher m = LITERAL.matcher(arguments.get(1));
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        return keys;
    }

    /**
     * Every {@code Violation.keyed} key under {@code sources} has its message {@code violation.<key>} in English and
     * in Chinese (with Chinese characters in it, so not English fallen back to) as {@code messages} (locale, key)
     * finds them; answers the keys it checked.
     */
    public static Set<String> assertEachKeyedViolationHasMessages(Path sources, BiFunction<Locale, String, String> messages) {
        Set<String> keys = keyedIn(sources);
        assertEachViolationHasMessages(keys, messages);
        return keys;
    }

    /** The same for keys the code computes (named by the test): each {@code violation.<key>} in both languages. */
    public static void assertEachViolationHasMessages(Collection<String> keys, BiFunction<Locale, String, String> messages) {
        for (String key : keys) {
            String english = messages.apply(Locale.ENGLISH, "violation." + key);
            String chinese = messages.apply(Locale.CHINESE, "violation." + key);
            assertNotNull(english, "violation." + key + " in English");
            assertTrue(chinese != null && chinese.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff),
                    "violation." + key + " in Chinese: " + chinese);
        }
    }

    /** The arguments' texts of the call whose "(" ends just before {@code from}: split at its own commas. */
    private static List<String> arguments(String text, int from) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                current.append(text, i, Math.min(end + 1, text.length()));
                i = end;
                continue;
            }
            if (depth == 0 && (c == ',' || c == ')')) {
                arguments.add(current.toString().trim());
                current.setLength(0);
                if (c == ')') {
                    return arguments;
                }
                continue;
            }
            depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            current.append(c);
        }
        return arguments;
    }

    /**
     * The source with each comment blanked out, and with {@code literals} false the text of each string and
     * character literal too (its quotes kept): the same length, so an index into one is one into the other.
     */
    static String blanked(String source, boolean literals) {
        StringBuilder out = new StringBuilder(source);
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
            int end;
            if (c == '/' && (next == '/' || next == '*')) {
                int close = next == '/' ? source.indexOf('\n', i) : source.indexOf("*/", i + 2);
                end = close < 0 ? source.length() : next == '/' ? close : close + 2;
                blank(out, i, end);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end, source.length() - 1) + 1;
                if (!literals) {
                    blank(out, i + 1, end - 1);
                }
            } else {
                continue;
            }
            i = end - 1;
        }
        return out.toString();
    }

    private static void blank(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }

    private static List<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
