package org.unionaid.disbursement.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The 18-character resident ID number (GB 11643) of a mutual-aid member, checked as the registry checks a file's:
 * check character and a birth date from 1900 to today. Masked to its last four characters.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {
    }

    /** Trimmed, a trailing x upper-cased: the form that is indexed and sealed. */
    public static String normalise(String id) {
        return id == null ? null : id.trim().toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String raw) {
        String id = normalise(raw);
        if (id == null || !id.matches("[0-9]{17}[0-9X]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        if (CHECK.charAt(sum % 11) != id.charAt(17)) {
            return false;
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            return !birth.isAfter(LocalDate.now()) && birth.getYear() >= 1900;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** **************1234: the last four only, as the registry shows a file's number. */
    public static String mask(String id) {
        return "*".repeat(14) + id.substring(14);
    }
}
