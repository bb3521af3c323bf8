package org.unionaid.common.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The 18-character resident ID number (居民身份证号, GB 11643) as every part of union-aid checks and shows it: a
 * hardship file's (registry), a mutual-aid member's (disbursement), a generated person's (datagen). Valid: 17 digits
 * and the check character, a birth date from 1900 to today. Masked to its last four characters.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {
    }

    /** Trimmed, a trailing x upper-cased: the form every other method expects, and the one indexed and sealed. */
    public static String normalise(String id) {
        return id == null ? null : id.trim().toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String raw) {
        String id = normalise(raw);
        if (id == null || !id.matches("[0-9]{17}[0-9X]")) {
            return false;
        }
        if (checkCharacter(id) != id.charAt(17)) {
            return false;
        }
        try {
            LocalDate birth = birthDate(id);
            return !birth.isAfter(LocalDate.now()) && birth.getYear() >= 1900;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
    public static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    public static LocalDate birthDate(String id) {
        return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                Integer.parseInt(id.substring(12, 14)));
    }

    /** The 17th digit: odd for men, even for women. */
    public static boolean male(String id) {
        return (id.charAt(16) - '0') % 2 == 1;
    }

    /**
     * **************1234: the last four only. The region code and the birth year beside the masked digits would
     * leave a few dozen candidate numbers; without the region code they are thousands.
     */
    public static String mask(String id) {
        return "*".repeat(14) + id.substring(14);
    }
}
